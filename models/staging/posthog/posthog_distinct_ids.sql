-- PostHog's distinct ids with the numbers heap_connect gives them (heap_connect.string_id):
-- users.user_id, every table's user_id and user_migrations' ids are such numbers; join here
-- for PostHog's string. Every id the export names: each event's distinct_id, an
-- `$identify`'s `$anon_distinct_id` and a `$create_alias`'s `alias`. A view over the export:
-- nothing is copied, and it is as current as the export.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'posthog', materialized='view') }}
{%- set prop = heap_connect.posthog_property %}
with ids as (
    select distinct_id from {{ ref('base_posthog__events') }}
    union all
    select {{ prop('$anon_distinct_id') }} as distinct_id
    from {{ ref('base_posthog__events') }}
    where event = '$identify'
    union all
    select {{ prop('alias') }} as distinct_id
    from {{ ref('base_posthog__events') }}
    where event = '$create_alias'
)

select distinct
    {{ heap_connect.string_id('distinct_id') }} as user_id,
    cast(distinct_id as {{ dbt.type_string() }}) as distinct_id
from ids
where distinct_id is not null

-- PostHog identity events as raw identifies (the columns of every source's stg_identifies):
-- `$identify` joins the anonymous id ($anon_distinct_id) to the identified distinct_id, and
-- `$create_alias` joins its `alias` to the distinct_id. The identity is the identified
-- distinct_id. Both ids are identified with it at the event's time, the identified id itself
-- as if it had landed a microsecond later, so that, as in Heap, the user who identified first
-- owns the identity (identity resolution: earliest time, then loaded_at) and the identified
-- id's own events migrate to it.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'posthog') }}
{%- set prop = heap_connect.posthog_property %}
with identity_events as (
    select
        distinct_id,
        case event
            when '$identify' then {{ prop('$anon_distinct_id') }}
            else {{ prop('alias') }}
        end as joined_id,
        {{ heap_connect.quote_column('time') }},
        loaded_at
    from {{ ref('base_posthog__events') }}
    where event in ('$identify', '$create_alias')
),

identifies as (
    select joined_id as id, distinct_id as identity, {{ heap_connect.quote_column('time') }}, loaded_at
    from identity_events
    where joined_id is not null and joined_id <> distinct_id
    union all
    select
        distinct_id as id,
        distinct_id as identity,
        {{ heap_connect.quote_column('time') }},
        {{ heap_connect.microseconds_after('loaded_at', 1) }} as loaded_at
    from identity_events
)

select
    {{ heap_connect.string_id('id') }} as user_id,
    cast(identity as {{ dbt.type_string() }}) as identity,
    cast({{ heap_connect.quote_column('time') }} as {{ dbt.type_timestamp() }}) as {{ heap_connect.quote_column('time') }},
    loaded_at
from identifies
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user(heap_connect.string_id('identifies.id')) }}

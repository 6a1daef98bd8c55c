-- Segment's / RudderStack's user ids with the numbers heap_connect gives them
-- (heap_connect.string_id): users.user_id, every table's user_id and user_migrations' ids are
-- such numbers; join here for the tracker's string. Every id the tables name: each call's
-- anonymous_id and user_id, each alias's previous_id. A view over the tracker's tables:
-- nothing is copied, and it is as current as they are.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() in ('segment', 'rudderstack'), materialized='view') }}
{%- set string = dbt.type_string() %}
{%- set aliases = heap_connect.segment_table_columns(['aliases'])['aliases'] %}
{%- set identifies = heap_connect.segment_table_columns(['identifies'])['identifies'] %}
with ids as (
    select anonymous_id as id from {{ ref('base_segment__events') }}
    union all
    select user_id as id from {{ ref('base_segment__events') }}
    union all
    select {{ heap_connect.segment_column(identifies, 'anonymous_id', string) }} as id from {{ source('segment', 'identifies') }}
    union all
    select {{ heap_connect.segment_column(identifies, 'user_id', string) }} as id from {{ source('segment', 'identifies') }}
    union all
    select {{ heap_connect.segment_column(aliases, 'previous_id', string) }} as id from {{ source('segment', 'aliases') }}
    union all
    select {{ heap_connect.segment_column(aliases, 'user_id', string) }} as id from {{ source('segment', 'aliases') }}
)

select distinct
    {{ heap_connect.string_id('id') }} as user_id,
    id as segment_id
from ids
where id is not null

-- Segment / RudderStack identity calls as raw identifies (the columns of every source's
-- stg_identifies): an `identifies` row with a `user_id` joins its anonymous id to that user id,
-- an `aliases` row its `previous_id`. The identity is the user id. Both ids are identified with
-- it at the call's time, the user id itself as if it had landed a microsecond later, so that,
-- as in Heap, the user who identified first owns the identity (identity resolution: earliest
-- time, then loaded_at) and the user id's own events (server-side calls) migrate to it.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() in ('segment', 'rudderstack')) }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set string = dbt.type_string() %}
{%- set timestamp = dbt.type_timestamp() %}
{%- set identifies = heap_connect.segment_table_columns(['identifies'])['identifies'] %}
{%- set aliases = heap_connect.segment_table_columns(['aliases'])['aliases'] %}
with identity_calls as (
    select
        {{ heap_connect.segment_column(identifies, 'anonymous_id', string) }} as joined_id,
        {{ heap_connect.segment_column(identifies, 'user_id', string) }} as identity,
        {{ heap_connect.segment_column(identifies, 'timestamp', timestamp) }} as {{ heap_connect.quote_column('time') }},
        {{ heap_connect.segment_column(identifies, settings['arrival'], timestamp) }} as loaded_at
    from {{ source('segment', 'identifies') }}
    union all
    select
        {{ heap_connect.segment_column(aliases, 'previous_id', string) }} as joined_id,
        {{ heap_connect.segment_column(aliases, 'user_id', string) }} as identity,
        {{ heap_connect.segment_column(aliases, 'timestamp', timestamp) }} as {{ heap_connect.quote_column('time') }},
        {{ heap_connect.segment_column(aliases, settings['arrival'], timestamp) }} as loaded_at
    from {{ source('segment', 'aliases') }}
),

identifies as (
    select joined_id as id, identity, {{ heap_connect.quote_column('time') }}, loaded_at
    from identity_calls
    where identity is not null and joined_id is not null and joined_id <> identity
    union all
    select
        identity as id,
        identity,
        {{ heap_connect.quote_column('time') }},
        {{ heap_connect.microseconds_after('loaded_at', 1) }} as loaded_at
    from identity_calls
    where identity is not null
)

select
    {{ heap_connect.string_id('id') }} as user_id,
    identity,
    {{ heap_connect.quote_column('time') }},
    loaded_at
from identifies
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user(heap_connect.string_id('identifies.id')) }}

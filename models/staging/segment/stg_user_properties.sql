-- Segment / RudderStack traits as raw user properties (the columns of every source's
-- stg_user_properties): the trait columns of an `identifies` row listed under `traits:` set
-- those properties of its user (the anonymous id, else the user id) as of the call's time; the
-- latest value by time wins, as in Heap. A trait column that is null was not sent.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() in ('segment', 'rudderstack')) }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set string = dbt.type_string() %}
{%- set columns = heap_connect.segment_table_columns(['identifies'])['identifies'] %}
with updates as (
    select
        coalesce(
            {{ heap_connect.segment_column(columns, 'anonymous_id', string) }},
            {{ heap_connect.segment_column(columns, 'user_id', string) }}
        ) as user_key,
        {{ heap_connect.segment_column(columns, 'timestamp', dbt.type_timestamp()) }} as {{ heap_connect.quote_column('time') }},
        {{ heap_connect.segment_properties(settings['traits'], columns) }} as properties,
        {{ heap_connect.segment_column(columns, settings['arrival'], dbt.type_timestamp()) }} as loaded_at
    from {{ source('segment', 'identifies') }}
)

select
    {{ heap_connect.string_id('user_key') }} as user_id,
    {{ heap_connect.quote_column('time') }},
    properties,
    false as set_once,
    loaded_at
from updates
where properties is not null and user_key is not null
    -- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
    and {{ heap_connect.not_deleted_user(heap_connect.string_id('updates.user_key')) }}

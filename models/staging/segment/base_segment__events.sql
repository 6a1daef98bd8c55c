-- Segment's / RudderStack's calls that are events in Heap (definitions/heap_connect.yml
-- `source:`), one row per row written, under one set of names: the per-event tables listed
-- under `events:` (their property columns as one JSON object), `tracks` of every other event
-- (no properties: Segment keeps them in the per-event tables only), `pages` and `screens`.
-- A column the tracker has not created yet reads as null (heap_connect.segment_column). Read
-- by the Segment staging models only.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() in ('segment', 'rudderstack')) }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set string = dbt.type_string() %}
{%- macro call_columns(relation) %}
    {%- set columns = heap_connect.segment_table_columns(relation) %}
    {{ heap_connect.segment_column(columns, 'id', string) }} as id,
    {{ heap_connect.segment_column(columns, 'anonymous_id', string) }} as anonymous_id,
    {{ heap_connect.segment_column(columns, 'user_id', string) }} as user_id,
    {{ heap_connect.segment_column(columns, 'timestamp', dbt.type_timestamp()) }} as {{ heap_connect.quote_column('time') }},
    {{ heap_connect.segment_column(columns, settings['arrival'], dbt.type_timestamp()) }} as loaded_at,
    {% if settings['session'] -%}
    cast({{ heap_connect.segment_column(columns, settings['session'], dbt.type_bigint()) }} as {{ string }})
    {%- else -%}
    cast(null as {{ string }})
    {%- endif %} as session,
    {%- for name in settings['context_columns'] %}
    {{ heap_connect.segment_column(columns, name, string) }} as {{ name }},
    {%- endfor %}
{%- endmacro %}
{%- macro properties(relation, names) %}
    {%- set columns = heap_connect.segment_table_columns(relation) %}
    {{- heap_connect.segment_properties(names if columns is none else names | select('in', columns) | list) }}
{%- endmacro %}
{%- for table, names in settings['events'].items() %}
select
    {{- call_columns(source('segment', table)) }}
    'track' as call,
    cast(event_text as {{ string }}) as event_text,
    cast(null as {{ string }}) as screen_name,
    {{ properties(source('segment', table), names) }} as properties
from {{ source('segment', table) }}
union all
{%- endfor %}
select
    {{- call_columns(source('segment', 'tracks')) }}
    'track' as call,
    cast(event_text as {{ string }}) as event_text,
    cast(null as {{ string }}) as screen_name,
    {{ heap_connect.segment_properties([]) }} as properties
from {{ source('segment', 'tracks') }}
{%- if settings['events'] %}
-- the events of the per-event tables above (`event` is the table's name)
where event not in ({% for table in settings['events'] %}{{ heap_connect.sql_string(table) }}{{ ', ' if not loop.last }}{% endfor %})
{%- endif %}
union all
select
    {{- call_columns(source('segment', 'pages')) }}
    'page' as call,
    cast(null as {{ string }}) as event_text,
    cast(null as {{ string }}) as screen_name,
    {{ heap_connect.segment_properties([]) }} as properties
from {{ source('segment', 'pages') }}
union all
select
    {{- call_columns(source('segment', 'screens')) }}
    'screen' as call,
    cast(null as {{ string }}) as event_text,
    {{ heap_connect.segment_column(heap_connect.segment_table_columns(source('segment', 'screens')), 'name', string) }} as screen_name,
    {{ heap_connect.segment_properties([]) }} as properties
from {{ source('segment', 'screens') }}

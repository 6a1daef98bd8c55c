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
{#- every table's columns, asked of the warehouse once #}
{%- set columns = heap_connect.segment_table_columns((settings['events'] | list) + ['tracks', 'pages', 'screens']) %}
{%- for table, names in settings['events'].items() %}
select
    {{ heap_connect.segment_call_columns(columns[table], settings) }}
    'track' as call,
    cast(event_text as {{ string }}) as event_text,
    cast(null as {{ string }}) as screen_name,
    {{ heap_connect.segment_properties(names, columns[table]) }} as properties
from {{ source('segment', table) }}
union all
{%- endfor %}
select
    {{ heap_connect.segment_call_columns(columns['tracks'], settings) }}
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
    {{ heap_connect.segment_call_columns(columns['pages'], settings) }}
    'page' as call,
    cast(null as {{ string }}) as event_text,
    cast(null as {{ string }}) as screen_name,
    {{ heap_connect.segment_properties([]) }} as properties
from {{ source('segment', 'pages') }}
union all
select
    {{ heap_connect.segment_call_columns(columns['screens'], settings) }}
    'screen' as call,
    cast(null as {{ string }}) as event_text,
    {{ heap_connect.segment_column(columns['screens'], 'name', string) }} as screen_name,
    {{ heap_connect.segment_properties([]) }} as properties
from {{ source('segment', 'screens') }}

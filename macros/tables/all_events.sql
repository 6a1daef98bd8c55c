{#-
  all_events: every synced event table plus pageviews and sessions, one row per row of each,
  with event_table_name. Its columns are the union of all members' columns (explicit casts,
  a type conflict becomes text). Where the statement would pass BigQuery's limits —
  var('heap_connect__all_events_max_chars') characters or var('heap_connect__all_events_max_tables')
  referenced tables — it falls back to the built-in Heap columns, then to the basic columns
  (event_id, user_id, session_id, time, event_table_name). `event_models`: the event tables'
  model names.
-#}
{% macro all_events(event_models) -%}
  {%- set members = {'pageviews': ref('pageviews'), 'sessions': ref('sessions')} -%}
  {%- for model in event_models -%}
    {%- set relation = ref(model) -%}
    {%- do members.update({relation.identifier: relation}) -%}
  {%- endfor -%}
  {%- set known = heap_connect.output_columns(members) -%}
  {%- set member_columns = {} -%}
  {%- for alias in members %}{% do member_columns.update({alias: known.get(alias | lower, [])}) %}{% endfor -%}
  {%- set max_chars = var('heap_connect__all_events_max_chars') | int -%}
  {%- set max_tables = var('heap_connect__all_events_max_tables') | int -%}
  {%- set levels = ['basic'] if members | length > max_tables else ['all', 'builtin', 'basic'] -%}
  {%- for level in levels -%}
    {%- set sql = heap_connect.all_events_select(members, member_columns, heap_connect.all_events_columns(member_columns, level)) -%}
    {%- if sql | length <= max_chars or loop.last -%}
      {{ return('-- all_events column set: ' ~ level ~ ', ' ~ members | length ~ ' tables, '
          ~ sql | length ~ ' characters\n' ~ sql) }}
    {%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{#-
  The SQL of a labeled event's generated model (a thin call site): its table is synced by
  the heap_event_table materialization, so this is the query its table was built with this
  sync (heap_connect.event_table_plan, as heap_connect.apply_event_tables used it, over
  the sync's rows, heap_connect.event_table_rows, dropped once read), or,
  while dbt parses or compiles offline, its build from all history. The depends_on lines
  give dbt the lineage.
-#}
{% macro event_table_model(label_id) -%}
-- depends_on: {{ ref('int_event_tables') }}, {{ ref('int_label_property_profile') }}, {{ ref('int_events') }}, {{ ref('int_event_batch') }}
-- depends_on: {{ ref('int_events_labeled') }}, {{ ref('int_sessions') }}, {{ ref('int_user_map') }}
  {%- set label = heap_connect.labeled_event(label_id) -%}
  {%- if execute and not heap_connect.is_offline() -%}
    {%- set built = heap_connect.event_table_builds().get(label_id) -%}
    {%- set plan = built['plan'] if built else heap_connect.event_table_plan(label) -%}
  {%- else -%}
    {%- set plan = {'label': label, 'action': 'rebuild', 'properties': [], 'build': 'rebuild: offline compile'} -%}
  {%- endif %}
-- heap_connect build: {{ plan['build'] }}
{{ heap_connect.event_table(plan, heap_connect.internal_relation('_heap_event_table_rows')) }}
{%- endmacro %}

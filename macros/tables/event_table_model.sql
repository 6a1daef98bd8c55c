{#-
  The SQL of a labeled event's generated model (a thin call site): its table is synced by
  the heap_event_table materialization, so this is the query its table was built with this
  sync (heap_connect.event_table_plan, as heap_connect.apply_event_tables used it, over
  the sync's rows, heap_connect.event_table_rows, dropped once read), or, compiled offline,
  its build from all history. The depends_on lines give dbt the lineage; while dbt parses
  nothing else is rendered (a thousand models' parse would otherwise render a thousand
  queries no one reads).
-#}
{% macro event_table_model(label_id) -%}
  {%- set design = heap_connect.physical_design('event') -%}
  {%- if design %}{% do config(**design) %}{% endif -%}
-- depends_on: {{ ref('int_event_tables') }}, {{ ref('int_label_property_profile') }}, {{ ref('int_events') }}, {{ ref('int_event_batch') }}
-- depends_on: {{ ref('int_events_labeled') }}, {{ ref('int_sessions') }}, {{ ref('int_user_map') }}
{%- if not execute %}
select 1 as event_id
{%- else %}
  {%- set label = heap_connect.labeled_event(label_id) -%}
  {%- if heap_connect.is_offline() -%}
    {%- set c = heap_connect.heap_connect_sync_contract() -%}
    {%- set plan = {'label': label, 'action': 'rebuild', 'properties': [], 'build': c['build_rebuild'] ~ c['reasons']['offline']} -%}
  {%- else -%}
    {%- set built = heap_connect.event_table_builds().get(label_id) -%}
    {%- set plan = built['plan'] if built and built['plan']['layout'] is not none else heap_connect.event_table_plan(label) -%}
  {%- endif %}
{{ heap_connect.heap_connect_sync_contract()['build_comment'] }}{{ plan['build'] }}
{{ heap_connect.event_table(plan, heap_connect.internal_relation('_heap_event_table_rows')) }}
{%- endif %}
{%- endmacro %}

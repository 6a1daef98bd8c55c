{#-
  True when this sync's batch (int_event_batch) holds an event whose data changed (a new
  event, or one of a session that changed): the tag pass (int_events_labeled) then tags the
  batch against every label. False when it holds none (an edited definition and nothing
  new): only the labels that changed are tagged, over all events, and the statement leaves
  out every other label's condition, which the warehouse would plan for no row (1,000
  labels: ~3 s of DuckDB's planning). True at parse time and offline (no warehouse to ask).
-#}
{% macro batch_data_changed() -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return(true) }}{%- endif -%}
  {{ return(heap_connect.batch_counts()['data_changed'] > 0) }}
{%- endmacro %}

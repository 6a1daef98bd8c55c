{#-
  The properties of a row of a Segment / RudderStack per-event table (`relation`, a source()):
  heap_connect.segment_properties of its property columns `names` that the table has.
-#}
{% macro segment_event_properties(relation, names) -%}
  {%- set columns = heap_connect.segment_table_columns(relation) -%}
  {{- heap_connect.segment_properties(names if columns is none else names | select('in', columns) | list) -}}
{%- endmacro %}

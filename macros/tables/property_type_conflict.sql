{#- Why the current event table's column types cannot take its batch's property columns
    (heap_connect.column_type_conflict of heap_connect.label_batch_columns), or none. -#}
{% macro property_type_conflict(label_id) -%}
  {{ return(heap_connect.column_type_conflict(heap_connect.label_batch_columns(label_id, heap_connect.event_table_reserved()))) }}
{%- endmacro %}

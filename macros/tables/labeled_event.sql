{#- One labeled event of the generated heap_connect_labels, by its table name. -#}
{% macro labeled_event(label_id) -%}
  {%- for label in heap_connect.heap_connect_labels() if label['label_id'] == label_id -%}
    {{ return(label) }}
  {%- endfor -%}
  {{ exceptions.raise_compiler_error("no labeled event with table '" ~ label_id ~ "': run heapgen generate") }}
{%- endmacro %}

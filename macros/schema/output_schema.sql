{#- The Heap Connect output schema, e.g. main_production (see generate_schema_name). -#}
{% macro output_schema() -%}
  {{ return(heap_connect.heap_connect_settings()['output_schema']) }}
{%- endmacro %}

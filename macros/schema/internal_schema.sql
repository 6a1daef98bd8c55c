{#- The schema of staging and intermediate models: the output schema plus a suffix. -#}
{% macro internal_schema() -%}
  {{ return(heap_connect.output_schema() ~ var('heap_connect__internal_schema_suffix')) }}
{%- endmacro %}

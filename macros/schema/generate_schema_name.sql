{#-
  Where each node lands. `heap_output` nodes go to the Heap Connect schema
  `<project>_<environment>` from definitions/heap_connect.yml (via the generated
  heap_connect_settings macro); `heap_internal` nodes (staging, intermediate, seeds)
  go to that schema plus var('heap_connect__internal_schema_suffix'), so the output
  schema holds Heap Connect tables and nothing else (but the opt-in marts, when they are on:
  models/heap_connect_marts). Anything else keeps dbt's default.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name == 'heap_output' -%}
    {{ heap_connect.output_schema() }}
  {%- elif custom_schema_name == 'heap_internal' -%}
    {{ heap_connect.internal_schema() }}
  {%- else -%}
    {{ default__generate_schema_name(custom_schema_name, node) }}
  {%- endif -%}
{%- endmacro %}

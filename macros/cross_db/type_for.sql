{#-
  The warehouse type for one of the logical types the column spec and type inference use
  (bigint, double, boolean, timestamp, text), through dbt's cross-database type macros so
  every adapter answers with its own name.
-#}
{% macro type_for(logical_type) -%}
  {%- if logical_type == 'bigint' -%}{{ dbt.type_bigint() }}
  {%- elif logical_type == 'double' -%}{{ heap_connect.type_double() }}
  {%- elif logical_type == 'boolean' -%}{{ dbt.type_boolean() }}
  {%- elif logical_type == 'timestamp' -%}{{ dbt.type_timestamp() }}
  {%- elif logical_type == 'text' -%}{{ dbt.type_string() }}
  {%- else -%}{{ exceptions.raise_compiler_error("heap_connect.type_for: unknown logical type '" ~ logical_type ~ "'") }}
  {%- endif -%}
{%- endmacro %}

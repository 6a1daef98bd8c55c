{#-
  The table or column name of a display name or property key: heap_connect.snake_case,
  shortened to 63 characters (PostgreSQL's limit, the lowest of the targets) by keeping the
  first 54 and appending `_` and 8 hex digits of the snake_case name's MD5. The same rule as
  heapgen.naming.heap_name; tests/fixtures/snake_case_vectors.csv checks both.
-#}
{% macro heap_name(name) -%}
  {%- set text = heap_connect.snake_case(name) -%}
  {%- if text | length > 63 -%}
    {%- set text = text[:54] ~ '_' ~ local_md5(text)[:8] -%}
  {%- endif -%}
  {{ return(text) }}
{%- endmacro %}

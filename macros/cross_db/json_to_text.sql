{#- The JSON text of a JSON value, for comparing or hashing whole documents. -#}
{% macro json_to_text(expr) -%}
  {{ return(adapter.dispatch('json_to_text', 'heap_connect')(expr)) }}
{%- endmacro %}

{# DuckDB's JSON is text underneath; PostgreSQL casts json to its text.
   https://duckdb.org/docs/stable/data/json/json_type #}
{% macro default__json_to_text(expr) -%}
  cast({{ expr }} as {{ dbt.type_string() }})
{%- endmacro %}

{# https://docs.snowflake.com/en/sql-reference/functions/to_json #}
{% macro snowflake__json_to_text(expr) -%}
  to_json({{ expr }})
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#to_json_string #}
{% macro bigquery__json_to_text(expr) -%}
  to_json_string({{ expr }})
{%- endmacro %}

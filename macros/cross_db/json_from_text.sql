{#-
  JSON text `text_expr` as raw JSON of the warehouse's type (the raw contract's `properties`:
  DuckDB JSON, PostgreSQL jsonb, Redshift JSON text, Snowflake VARIANT, BigQuery JSON).
-#}
{% macro json_from_text(text_expr) -%}
  {{ return(adapter.dispatch('json_from_text', 'heap_connect')(text_expr)) }}
{%- endmacro %}

{# https://duckdb.org/docs/stable/data/json/json_type #}
{% macro default__json_from_text(text_expr) -%}
  cast({{ text_expr }} as json)
{%- endmacro %}

{# https://www.postgresql.org/docs/current/datatype-json.html #}
{% macro postgres__json_from_text(text_expr) -%}
  cast({{ text_expr }} as jsonb)
{%- endmacro %}

{# Redshift keeps raw JSON as text (macros/cross_db/json_extract_json.sql). #}
{% macro redshift__json_from_text(text_expr) -%}
  cast({{ text_expr }} as {{ dbt.type_string() }})
{%- endmacro %}

{# TRY_PARSE_JSON: malformed text gives NULL. https://docs.snowflake.com/en/sql-reference/functions/try_parse_json #}
{% macro snowflake__json_from_text(text_expr) -%}
  try_parse_json({{ text_expr }})
{%- endmacro %}

{# SAFE.PARSE_JSON: malformed text gives NULL.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#parse_json #}
{% macro bigquery__json_from_text(text_expr) -%}
  safe.parse_json({{ text_expr }})
{%- endmacro %}

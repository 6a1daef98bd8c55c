{#- `expr` (text) as a 64-bit float, or null when it is not a number (never an error). -#}
{% macro safe_cast_double(expr) -%}
  {{ return(adapter.dispatch('safe_cast_double', 'heap_connect')(expr)) }}
{%- endmacro %}

{# dbt's safe_cast: TRY_CAST on Snowflake, SAFE_CAST on BigQuery (both null on failure). #}
{% macro default__safe_cast_double(expr) -%}
  {{ dbt.safe_cast(expr, heap_connect.type_double()) }}
{%- endmacro %}

{# dbt-duckdb's safe_cast is a plain cast; TRY_CAST returns null instead of failing.
   https://duckdb.org/docs/stable/sql/expressions/cast#try_cast #}
{% macro duckdb__safe_cast_double(expr) -%}
  try_cast({{ expr }} as {{ heap_connect.type_double() }})
{%- endmacro %}

{# PostgreSQL has no safe cast: cast only what looks like a number.
   https://www.postgresql.org/docs/current/datatype-numeric.html #}
{% macro postgres__safe_cast_double(expr) -%}
  case when {{ expr }} ~ '^ *[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)? *$'
    then cast({{ expr }} as {{ heap_connect.type_double() }}) end
{%- endmacro %}

{# TRY_CAST gives NULL for text that is not a number, also with ANSI mode on (Databricks SQL's
   default). https://spark.apache.org/docs/latest/api/sql/index.html#try_cast #}
{% macro spark__safe_cast_double(expr) -%}
  try_cast({{ expr }} as {{ heap_connect.type_double() }})
{%- endmacro %}

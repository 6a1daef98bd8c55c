{#-
  A text expression that fails the query with the text `message_expr` when it is evaluated:
  put it in a CASE branch. The message must depend on the row (not be a constant), or a
  planner folding constants could fail the query even where the branch is never taken.
-#}
{% macro raise_error(message_expr) -%}
  {{ return(adapter.dispatch('raise_error', 'heap_connect')(message_expr)) }}
{%- endmacro %}

{# PostgreSQL, Redshift and Snowflake have no SQL function that raises: casting the message
   to a number fails with the message in the error's text.
   https://www.postgresql.org/docs/current/datatype-numeric.html
   https://docs.snowflake.com/en/sql-reference/functions/cast #}
{% macro default__raise_error(message_expr) -%}
  cast(cast({{ message_expr }} as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
{%- endmacro %}

{# https://duckdb.org/docs/stable/sql/functions/utility#errormessage #}
{% macro duckdb__raise_error(message_expr) -%}
  cast(error({{ message_expr }}) as {{ dbt.type_string() }})
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/reference/standard-sql/debugging_functions#error #}
{% macro bigquery__raise_error(message_expr) -%}
  cast(error({{ message_expr }}) as {{ dbt.type_string() }})
{%- endmacro %}

{# RAISE_ERROR fails the query with the message (a cast to a number would give NULL with ANSI
   mode off, dbt-spark's setting). https://spark.apache.org/docs/latest/api/sql/index.html#raise_error #}
{% macro spark__raise_error(message_expr) -%}
  cast(raise_error({{ message_expr }}) as {{ dbt.type_string() }})
{%- endmacro %}

{#-
  True when `expr` matches the regular expression `pattern` (a SQL string literal) anywhere;
  anchor with ^ and $ for a full match. Patterns should avoid backslashes (use [0-9], [.]):
  string-literal escaping differs between warehouses.
-#}
{% macro regexp_matches(expr, pattern) -%}
  {{ return(adapter.dispatch('regexp_matches', 'heap_connect')(expr, pattern)) }}
{%- endmacro %}

{# https://duckdb.org/docs/stable/sql/functions/regular_expressions #}
{% macro default__regexp_matches(expr, pattern) -%}
  regexp_matches({{ expr }}, {{ pattern }})
{%- endmacro %}

{# https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-POSIX-REGEXP #}
{% macro postgres__regexp_matches(expr, pattern) -%}
  ({{ expr }} ~ {{ pattern }})
{%- endmacro %}

{# https://docs.snowflake.com/en/sql-reference/functions/regexp_instr #}
{% macro snowflake__regexp_matches(expr, pattern) -%}
  (regexp_instr({{ expr }}, {{ pattern }}) > 0)
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains #}
{% macro bigquery__regexp_matches(expr, pattern) -%}
  regexp_contains({{ expr }}, {{ pattern }})
{%- endmacro %}

{# RLIKE finds the pattern anywhere (Java regular expressions).
   https://spark.apache.org/docs/latest/api/sql/index.html#rlike #}
{% macro spark__regexp_matches(expr, pattern) -%}
  ({{ expr }} rlike {{ pattern }})
{%- endmacro %}

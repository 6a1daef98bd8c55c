{#-
  The first substring of `expr` that the regular expression `pattern` (a SQL string literal,
  no capture groups, never matching the empty string) matches; null when none does. Patterns
  should avoid backslashes (use [?], [#]): string-literal escaping differs between warehouses.
-#}
{% macro regexp_substr(expr, pattern) -%}
  {{ return(adapter.dispatch('regexp_substr', 'heap_connect')(expr, pattern)) }}
{%- endmacro %}

{# regexp_extract gives '' when nothing matches.
   https://duckdb.org/docs/stable/sql/functions/regular_expressions #}
{% macro default__regexp_substr(expr, pattern) -%}
  nullif(regexp_extract({{ expr }}, {{ pattern }}), '')
{%- endmacro %}

{# Without a capture group, SUBSTRING ... FROM gives the whole match.
   https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-POSIX-REGEXP #}
{% macro postgres__regexp_substr(expr, pattern) -%}
  substring({{ expr }} from {{ pattern }})
{%- endmacro %}

{# https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html (the stand-in: PostgreSQL's) #}
{% macro redshift__regexp_substr(expr, pattern) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__regexp_substr(expr, pattern)) }}
  {%- endif -%}
  nullif(regexp_substr({{ expr }}, {{ pattern }}), '')
{%- endmacro %}

{# https://docs.snowflake.com/en/sql-reference/functions/regexp_substr #}
{% macro snowflake__regexp_substr(expr, pattern) -%}
  regexp_substr({{ expr }}, {{ pattern }})
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract #}
{% macro bigquery__regexp_substr(expr, pattern) -%}
  regexp_extract({{ expr }}, {{ pattern }})
{%- endmacro %}

{# REGEXP_SUBSTR gives the first match, NULL when none.
   https://spark.apache.org/docs/latest/api/sql/index.html#regexp_substr #}
{% macro spark__regexp_substr(expr, pattern) -%}
  regexp_substr({{ expr }}, {{ pattern }})
{%- endmacro %}

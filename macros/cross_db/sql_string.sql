{#-
  A SQL string literal holding exactly `value`. Every definition value and property key
  reaches SQL through this macro, never pasted in.
-#}
{% macro sql_string(value) -%}
  {{ return(adapter.dispatch('sql_string', 'heap_connect')(value)) }}
{%- endmacro %}

{# Standard SQL: a quote is doubled, nothing else is special (DuckDB, PostgreSQL with
   standard_conforming_strings). https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS #}
{% macro default__sql_string(value) -%}
  '{{ value | string | replace("'", "''") }}'
{%- endmacro %}

{# Backslash starts an escape sequence in Snowflake and BigQuery literals.
   https://docs.snowflake.com/en/sql-reference/data-types-text#escape-sequences-in-single-quoted-string-constants
   https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#string_and_bytes_literals #}
{% macro snowflake__sql_string(value) -%}
  '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{% macro bigquery__sql_string(value) -%}
  '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") | replace("\n", "\\n") | replace("\r", "\\r") }}'
{%- endmacro %}

{# Redshift reads a backslash in a string literal as an escape (its PostgreSQL 8.0 lineage:
   standard_conforming_strings off), so a backslash is doubled too; the Redshift stand-in
   sets standard_conforming_strings off to read literals the same way.
   https://docs.aws.amazon.com/redshift/latest/dg/r_patternmatching_condition_like.html #}
{% macro redshift__sql_string(value) -%}
  '{{ value | string | replace("\\", "\\\\") | replace("'", "''") }}'
{%- endmacro %}

{# Spark SQL (and Databricks) reads a backslash in a string literal as an escape
   (spark.sql.parser.escapedStringLiterals off, the default): a backslash is doubled and a
   quote backslash-escaped. https://spark.apache.org/docs/latest/sql-ref-literals.html#string-literal #}
{% macro spark__sql_string(value) -%}
  '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

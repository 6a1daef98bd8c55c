{#- The start (00:00 on the Monday) of the week holding timestamp `expr`: weeks start on
    Monday on every warehouse, as ISO 8601 and dbt.date_trunc('week') on DuckDB, PostgreSQL,
    Redshift and Snowflake (its default WEEK_START) have them. -#}
{% macro week_start(expr) -%}
  {{ return(adapter.dispatch('week_start', 'heap_connect')(expr)) }}
{%- endmacro %}

{% macro default__week_start(expr) -%}
  {{ dbt.date_trunc('week', expr) }}
{%- endmacro %}

{# dbt.date_trunc('week') is TIMESTAMP_TRUNC(.., WEEK), weeks from Sunday; ISOWEEK starts on
   Monday. https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc #}
{% macro bigquery__week_start(expr) -%}
  timestamp_trunc({{ expr }}, isoweek)
{%- endmacro %}

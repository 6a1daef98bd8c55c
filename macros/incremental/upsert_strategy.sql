{#- The incremental strategy that replaces the rows whose unique_key the new rows carry:
    `delete+insert`; BigQuery has `merge` for it. On Spark (parquet) dbt-spark has no
    delete+insert: the project's Spark incremental materialization does it
    (macros/materializations/spark_incremental.sql, heap_connect.spark_upsert).
    https://docs.getdbt.com/docs/build/incremental-strategy -#}
{% macro upsert_strategy() -%}
  {{ return(adapter.dispatch('upsert_strategy', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__upsert_strategy() -%}
  {{ return('delete+insert') }}
{%- endmacro %}

{% macro bigquery__upsert_strategy() -%}
  {{ return('merge') }}
{%- endmacro %}

{#- The incremental strategy that replaces the rows whose unique_key the new rows carry:
    `delete+insert`; BigQuery has `merge` for it.
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

{# Spark (parquet): dbt-spark offers append, insert_overwrite and (Delta, Iceberg, Hudi only)
   merge; no delete+insert. Until the partition overwrite of decision 0043 is built, the
   full build's strategy is `append` (a first build creates the table; an incremental run
   deletes its batch's rows in the pre-hook by rewriting the table). #}
{% macro spark__upsert_strategy() -%}
  {{ return('append') }}
{%- endmacro %}

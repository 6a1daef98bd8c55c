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
   merge; no delete+insert. Until the partition overwrite of decision 0043 is built, only a
   first build runs (`append` into a new table): an incremental run stops with an error, since
   appending would duplicate the rows it rewrites (int_sessions' sessions did). #}
{% macro spark__upsert_strategy() -%}
  {%- if execute and is_incremental() -%}
    {{ exceptions.raise_compiler_error('heap_connect on Spark: incremental syncs are not built yet, only a first sync into a new schema runs (issue 20, docs/decisions/0043-spark-and-databricks.md)') }}
  {%- endif -%}
  {{ return('append') }}
{%- endmacro %}

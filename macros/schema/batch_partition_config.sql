{#-
  How an intermediate table that a sync rewrites by its batch is partitioned on a warehouse
  that takes no DELETE (Spark's parquet tables, decision 0043), for `kind` 'event_day': the
  day of the event's `time`. Two parts, both empty where the warehouse deletes rows
  (DuckDB, PostgreSQL, Redshift, Snowflake, BigQuery):
  - batch_partition_config(kind): the model configs (`partition_by`), passed to config();
  - batch_partition_columns(kind, alias): the column(s) to add at the end of the model's
    select, `, <expr> as heap_day`; the partition column is the table's last (Spark puts
    partition columns last).
  The project's Spark incremental materialization then writes a sync's upsert as an
  INSERT OVERWRITE of the partitions it touches (heap_connect.spark_upsert).
-#}
{% macro batch_partition_config(kind) -%}
  {{ return(adapter.dispatch('batch_partition_config', 'heap_connect')(kind)) }}
{%- endmacro %}

{% macro default__batch_partition_config(kind) -%}
  {{ return({}) }}
{%- endmacro %}

{# https://spark.apache.org/docs/latest/sql-ref-syntax-ddl-create-table-datasource.html #}
{% macro spark__batch_partition_config(kind) -%}
  {{ return({'partition_by': ['heap_day']}) }}
{%- endmacro %}

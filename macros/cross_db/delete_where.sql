{#-
  The statement that deletes the rows of `relation` for which `condition` holds. The
  condition reads only the table's own columns, unqualified, and literals (no subquery:
  BigQuery's MERGE join condition cannot hold one); for "key in (a query)" use
  heap_connect.delete_where_in. `partition_by`: the table's partitioning when it is the
  model's own (config.get('partition_by')); only Spark reads it.
-#}
{% macro delete_where(relation, condition, partition_by=none) -%}
  {{ return(adapter.dispatch('delete_where', 'heap_connect')(relation, condition, partition_by)) }}
{%- endmacro %}

{% macro default__delete_where(relation, condition, partition_by=none) -%}
  delete from {{ relation }} where {{ condition }}
{%- endmacro %}

{# BigQuery: MERGE ... WHEN MATCHED THEN DELETE against a one-row source, matched on the
   condition. It deletes what DELETE ... WHERE deletes, and it also runs on crucible, the
   BigQuery stand-in, which rejects DELETE (`Not supported by Crucible: DELETE statement`).
   https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__delete_where(relation, condition, partition_by=none) -%}
  merge into {{ relation }} as target
  using (select 1 as heap_one) as source
  on {{ condition }}
  when matched then delete
{%- endmacro %}

{# Databricks: Delta tables take DELETE (and dbt-databricks would dispatch to the Spark form).
   https://docs.databricks.com/aws/en/sql/language-manual/delta-delete-from #}
{% macro databricks__delete_where(relation, condition, partition_by=none) -%}
  {{ heap_connect.default__delete_where(relation, condition) }}
{%- endmacro %}

{# Spark: parquet tables take no DELETE (`Table ... does not support DELETE`): a partitioned
   table's partitions holding the rows are overwritten without them
   (heap_connect.spark_partition_delete), any other table is written again without them
   (heap_connect.spark_rewrite). A condition that is NULL keeps its row, as DELETE does. #}
{% macro spark__delete_where(relation, condition, partition_by=none) -%}
  {%- if partition_by -%}
    {{ return(heap_connect.spark_partition_delete(relation, partition_by,
        'coalesce((' ~ condition ~ '), false)')) }}
  {%- endif -%}
  {{ heap_connect.spark_rewrite(relation, 'select * from ' ~ relation ~ ' where not coalesce((' ~ condition ~ '), false)') }}
{%- endmacro %}

{#-
  The statement that deletes the rows of `relation` whose `column` is among the values
  `query` (a SQL query of one column named `column`) returns. `partition_by`: the table's
  partitioning when it is the model's own (config.get('partition_by')); only Spark reads it.
-#}
{% macro delete_where_in(relation, column, query, partition_by=none) -%}
  {{ return(adapter.dispatch('delete_where_in', 'heap_connect')(relation, column, query, partition_by)) }}
{%- endmacro %}

{% macro default__delete_where_in(relation, column, query, partition_by=none) -%}
  delete from {{ relation }}
  where {{ column }} in (
    {{ query }}
  )
{%- endmacro %}

{# BigQuery: MERGE ... WHEN MATCHED THEN DELETE joined on the key. The source is made
   distinct (a target row may match at most one source row), and the key is matched by an
   equality join rather than an IN subquery in the join condition, which BigQuery rejects.
   crucible, the BigQuery stand-in, runs this form but not DELETE.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__delete_where_in(relation, column, query, partition_by=none) -%}
  merge into {{ relation }} as target
  using (select distinct {{ column }} from (
    {{ query }}
  ) as heap_keys) as source
  on target.{{ column }} = source.{{ column }}
  when matched then delete
{%- endmacro %}

{# Databricks: Delta tables take DELETE with a subquery (and dbt-databricks would dispatch to
   the Spark form). https://docs.databricks.com/aws/en/sql/language-manual/delta-delete-from #}
{% macro databricks__delete_where_in(relation, column, query, partition_by=none) -%}
  {{ heap_connect.default__delete_where_in(relation, column, query) }}
{%- endmacro %}

{# Spark: parquet tables take no DELETE; a partitioned table loses the rows whose key the
   query returns by an overwrite of the partitions holding them
   (heap_connect.spark_partition_delete), any other is written again without them
   (heap_connect.spark_rewrite): joined, not `in`, so a NULL key in the query removes
   nothing, as with DELETE ... IN.
   https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-join.html #}
{% macro spark__delete_where_in(relation, column, query, partition_by=none) -%}
  {%- if partition_by -%}
    {%- set joins = 'left join (select distinct ' ~ column ~ ' from (' ~ query ~ ') as heap_query) as heap_keys on held.' ~ column ~ ' = heap_keys.' ~ column -%}
    {{ return(heap_connect.spark_partition_delete(relation, partition_by,
        'heap_keys.' ~ column ~ ' is not null', joins)) }}
  {%- endif -%}
  {%- set kept -%}
  select heap_kept.* from {{ relation }} as heap_kept
  left anti join (
    {{ query }}
  ) as heap_keys
  on heap_kept.{{ column }} = heap_keys.{{ column }}
  {%- endset -%}
  {{ heap_connect.spark_rewrite(relation, kept) }}
{%- endmacro %}

{#-
  The statement that deletes the rows of `relation` whose `column` is among the values
  `query` (a SQL query of one column named `column`) returns.
-#}
{% macro delete_where_in(relation, column, query) -%}
  {{ return(adapter.dispatch('delete_where_in', 'heap_connect')(relation, column, query)) }}
{%- endmacro %}

{% macro default__delete_where_in(relation, column, query) -%}
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
{% macro bigquery__delete_where_in(relation, column, query) -%}
  merge into {{ relation }} as target
  using (select distinct {{ column }} from (
    {{ query }}
  ) as heap_keys) as source
  on target.{{ column }} = source.{{ column }}
  when matched then delete
{%- endmacro %}

{# Spark: parquet tables take no DELETE; the table is written again (heap_connect.spark_rewrite)
   without the rows whose key the query returns: a LEFT ANTI JOIN, so a NULL key in the query
   removes nothing, as with DELETE ... IN.
   https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-join.html #}
{% macro spark__delete_where_in(relation, column, query) -%}
  {%- set kept -%}
  select heap_kept.* from {{ relation }} as heap_kept
  left anti join (
    {{ query }}
  ) as heap_keys
  on heap_kept.{{ column }} = heap_keys.{{ column }}
  {%- endset -%}
  {{ heap_connect.spark_rewrite(relation, kept) }}
{%- endmacro %}

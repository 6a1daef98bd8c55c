{#-
  The statement that deletes the rows of `relation` for which `condition` holds. The
  condition reads only the table's own columns, unqualified, and literals (no subquery:
  BigQuery's MERGE join condition cannot hold one); for "key in (a query)" use
  heap_connect.delete_where_in.
-#}
{% macro delete_where(relation, condition) -%}
  {{ return(adapter.dispatch('delete_where', 'heap_connect')(relation, condition)) }}
{%- endmacro %}

{% macro default__delete_where(relation, condition) -%}
  delete from {{ relation }} where {{ condition }}
{%- endmacro %}

{# BigQuery: MERGE ... WHEN MATCHED THEN DELETE against a one-row source, matched on the
   condition. It deletes what DELETE ... WHERE deletes, and it also runs on crucible, the
   BigQuery stand-in, which rejects DELETE (`Not supported by Crucible: DELETE statement`).
   https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__delete_where(relation, condition) -%}
  merge into {{ relation }} as target
  using (select 1 as heap_one) as source
  on {{ condition }}
  when matched then delete
{%- endmacro %}

{# Spark: parquet tables take no DELETE (`Table ... does not support DELETE`): the table is
   written again without the rows (heap_connect.spark_rewrite). A condition that is NULL
   keeps its row, as DELETE does. #}
{% macro spark__delete_where(relation, condition) -%}
  {{ heap_connect.spark_rewrite(relation, 'select * from ' ~ relation ~ ' where not coalesce((' ~ condition ~ '), false)') }}
{%- endmacro %}

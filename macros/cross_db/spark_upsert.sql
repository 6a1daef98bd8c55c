{#-
  Spark: the `delete+insert` of the project's Spark incremental materialization
  (macros/materializations/spark_incremental.sql): `target` written again as its rows whose
  `unique_key` the new rows (`source`, the model's temporary view) do not carry, then the
  new rows, in the target's column order (heap_connect.spark_rewrite: parquet tables take no
  DELETE). A LEFT ANTI JOIN, so a NULL key replaces nothing, as with DELETE ... IN. The view
  may read `target` itself (int_events reads the copies it holds): the rows are computed
  into the table beside it before the target is overwritten.
  https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-join.html
-#}
{% macro spark_upsert(source, target, unique_key) -%}
  {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='quoted') | join(', ') -%}
  {%- set rows -%}
  select heap_kept.* from {{ target }} as heap_kept
  left anti join (select distinct {{ unique_key }} from {{ source }}) as heap_keys
  on heap_kept.{{ unique_key }} = heap_keys.{{ unique_key }}
  union all
  select {{ columns }} from {{ source }}
  {%- endset -%}
  {{ heap_connect.spark_rewrite(target, rows) }}
{%- endmacro %}

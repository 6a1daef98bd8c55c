{#-
  Spark: the statements of the `delete+insert` of the project's Spark incremental
  materialization (macros/materializations/spark_incremental.sql), which replace the rows of
  `target` whose `unique_key` the new rows (`source`, the model's temporary view) carry with
  the new rows, in the target's column order. Parquet tables take no DELETE. A LEFT ANTI
  JOIN, so a NULL key replaces nothing, as with DELETE ... IN. The view may read `target`
  itself (int_events reads the copies it holds).
  - Partitioned (`partition_by`, one column: heap_connect.batch_partition_config): one INSERT
    OVERWRITE of the partitions the new rows fall in or hold rows they replace, with their
    kept rows and the new ones; dynamic partition overwrite replaces just those partitions
    and may read the table it writes. A partition whose every row is replaced and that gets
    no new row would keep its rows (dynamic overwrite writes only partitions that get rows):
    it is found before the overwrite and dropped after it.
  - Otherwise the whole table is written again through a table beside it
    (heap_connect.spark_rewrite).
  Returns the statements; the last is the materialization's `main`.
  https://spark.apache.org/docs/latest/sql-ref-syntax-dml-insert-table.html
  https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-join.html
-#}
{% macro spark_upsert(source, target, unique_key, partition_by=none) -%}
  {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='quoted') | join(', ') -%}
  {%- set keys = 'select distinct ' ~ unique_key ~ ' from ' ~ source -%}
  {%- if not partition_by -%}
    {%- set rows -%}
  select heap_kept.* from {{ target }} as heap_kept
  left anti join ({{ keys }}) as heap_keys
  on heap_kept.{{ unique_key }} = heap_keys.{{ unique_key }}
  union all
  select {{ columns }} from {{ source }}
    {%- endset -%}
    {{ return([heap_connect.spark_rewrite(target, rows)]) }}
  {%- endif -%}
  {%- set part = (partition_by if partition_by is string else partition_by[0]) -%}
  {%- set replaced_parts -%}
  select distinct held.{{ part }} from {{ target }} as held
  left semi join ({{ keys }}) as heap_keys on held.{{ unique_key }} = heap_keys.{{ unique_key }}
  {%- endset -%}
  {%- set emptied -%}
  select cast(held.{{ part }} as string) as part
  from {{ target }} as held
  left join ({{ keys }}) as heap_keys on held.{{ unique_key }} = heap_keys.{{ unique_key }}
  where held.{{ part }} in ({{ replaced_parts }})
  group by held.{{ part }}
  having count(heap_keys.{{ unique_key }}) = count(*)
  except
  select cast({{ part }} as string) from {{ source }}
  {%- endset -%}
  {%- set statements = [] -%}
  {%- set drops = [] -%}
  {%- if execute -%}
    {%- for row in run_query(emptied) -%}
      {%- do drops.append('alter table ' ~ target ~ ' drop if exists partition (' ~ part ~ ' = ' ~ heap_connect.sql_string(row[0]) ~ ')') -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set overwrite -%}
  insert overwrite table {{ target }} partition ({{ part }})
  select heap_kept.* from {{ target }} as heap_kept
  left anti join ({{ keys }}) as heap_keys
  on heap_kept.{{ unique_key }} = heap_keys.{{ unique_key }}
  where heap_kept.{{ part }} in (
    select {{ part }} from {{ source }}
    union
    {{ replaced_parts }}
  )
  union all
  select {{ columns }} from {{ source }}
  {%- endset -%}
  {{ return([overwrite] + drops) }}
{%- endmacro %}

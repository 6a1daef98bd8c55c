{#-
  Spark: the statement that deletes rows of `relation`, a table partitioned by `partition_by`
  (the model's config, one column: heap_connect.batch_partition_config), by overwriting only the partitions that hold such
  rows, instead of writing the whole table again (heap_connect.spark_rewrite; decision 0043).
  - `removed`: a boolean SQL expression over the table's rows (alias `held`), true for a
    row to delete and never NULL; `joins`: what `held` needs joined for it (or '').
  One query first finds the partitions holding rows to delete, and whether each keeps any
  row. Then, in one SQL script: an INSERT OVERWRITE (dynamic partition overwrite, which may
  read the table it writes) of the partitions that keep rows, with those rows, and a drop of
  the partitions left with none (dynamic overwrite writes only the partitions that get
  rows). Nothing to delete: no statement (an empty hook is not run).
  Needs `spark.sql.sources.partitionOverwriteMode` = dynamic in the session, which the
  project's Spark incremental materialization sets before the hooks of a partitioned model:
  call it only from those (with the model's own `partition_by`). In static mode the
  overwrite would empty every other partition.
  https://spark.apache.org/docs/latest/sql-ref-syntax-dml-insert-table.html
  https://spark.apache.org/docs/latest/sql-ref-syntax-ddl-alter-table.html
-#}
{% macro spark_partition_delete(relation, partition_by, removed, joins='') -%}
  {%- if not execute -%}{{ return('') }}{%- endif -%}
  {%- set part = partition_by if partition_by is string else partition_by[0] -%}
  {%- set touched -%}
  select cast(held.{{ part }} as string) as part, min(case when {{ removed }} then 1 else 0 end) as emptied
  from {{ relation }} as held
  {{ joins }}
  group by held.{{ part }}
  having max(case when {{ removed }} then 1 else 0 end) = 1
  {%- endset -%}
  {%- set kept_parts = [] -%}
  {%- set statements = [] -%}
  {%- for row in run_query(touched) -%}
    {%- if row[1] == 1 -%}
      {%- do statements.append('alter table ' ~ relation ~ ' drop if exists partition (' ~ part ~ ' = ' ~ heap_connect.sql_string(row[0]) ~ ')') -%}
    {%- else -%}
      {%- do kept_parts.append(heap_connect.sql_string(row[0])) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if kept_parts -%}
    {%- set overwrite -%}
  insert overwrite table {{ relation }} partition ({{ part }})
  select held.* from {{ relation }} as held
  {{ joins }}
  where cast(held.{{ part }} as string) in ({{ kept_parts | join(', ') }})
    and not ({{ removed }})
    {%- endset -%}
    {%- do statements.insert(0, overwrite) -%}
  {%- endif -%}
  {%- if statements | length == 1 -%}
  {{ statements[0] }}
  {%- elif statements -%}
begin
  {{ statements | join(';\n  ') }};
end
  {%- endif -%}
{%- endmacro %}

{#-
  Spark: the statement that writes `relation` (a parquet table) again with the rows of
  `select_sql`, a query that may read `relation` itself. Parquet tables take no DELETE or
  UPDATE (`Table ... does not support DELETE`), and INSERT OVERWRITE of a table from itself
  is refused (`UNSUPPORTED_OVERWRITE.TABLE: Can't overwrite the target that is also being
  read from`), so the rows go through a table beside it, and the table is emptied
  (TRUNCATE) before they go back: an INSERT OVERWRITE of a partitioned table (dynamic
  partition overwrite) would keep the partitions left with no row: one SQL script (BEGIN ... END,
  Spark 4's SQL scripting, on by default), because dbt-spark's session method runs one
  statement per call and the callers (hooks, run_query) send one. Not atomic: a sync killed
  inside it may leave `<table>__heap_kept`, which the next rewrite drops first. The
  partition overwrite of decision 0043 replaces this for the tables a batch rewrites.
  https://spark.apache.org/docs/latest/sql-ref-scripting.html
-#}
{% macro spark_rewrite(relation, select_sql) -%}
  {%- set kept = relation.incorporate(path={'identifier': relation.identifier ~ '__heap_kept'}) -%}
begin
  drop table if exists {{ kept }};
  create table {{ kept }} using parquet as
  {{ select_sql }};
  truncate table {{ relation }};
  insert into {{ relation }} select * from {{ kept }};
  drop table {{ kept }};
end
{%- endmacro %}

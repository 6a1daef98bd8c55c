{#-
  The statement that sets the user_id of the rows of `relation` whose `key` a row of `moves`
  (a query of `moved_key`, `moved_user_id`, at most one row per key) names to that row's
  `moved_user_id`, in place; every other row and column as it was.
-#}
{% macro move_user_ids(relation, key, moves) -%}
  {{ return(adapter.dispatch('move_user_ids', 'heap_connect')(relation, key, moves)) }}
{%- endmacro %}

{# UPDATE ... FROM: DuckDB, PostgreSQL, Redshift and Snowflake.
   https://duckdb.org/docs/stable/sql/statements/update
   https://docs.snowflake.com/en/sql-reference/sql/update
   https://docs.aws.amazon.com/redshift/latest/dg/r_UPDATE.html #}
{% macro default__move_user_ids(relation, key, moves) -%}
  update {{ relation }} as held
  set user_id = moves.moved_user_id
  from ({{ moves }}) as moves
  where held.{{ key }} = moves.moved_key
{%- endmacro %}

{# BigQuery's emulator runs MERGE but not UPDATE; MERGE is also BigQuery's own advice for
   updates from another table. https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__move_user_ids(relation, key, moves) -%}
  merge into {{ relation }} as held
  using ({{ moves }}) as moves
  on held.{{ key }} = moves.moved_key
  when matched then update set user_id = moves.moved_user_id
{%- endmacro %}

{# Databricks: Delta tables take MERGE, BigQuery's form (and dbt-databricks would dispatch
   to the Spark form). https://docs.databricks.com/aws/en/sql/language-manual/delta-merge-into #}
{% macro databricks__move_user_ids(relation, key, moves) -%}
  {{ heap_connect.bigquery__move_user_ids(relation, key, moves) }}
{%- endmacro %}

{# Spark: parquet tables take no UPDATE; the table is written again from itself with the
   moved rows' user_id (heap_connect.spark_rewrite). A sync never moves rows there
   (heap_connect.updates_in_place); heap_connect.apply_user_migrations does.
   https://spark.apache.org/docs/latest/sql-ref-syntax-dml-insert-table.html #}
{% macro spark__move_user_ids(relation, key, moves) -%}
  {%- set columns = adapter.get_columns_in_relation(relation) if execute else [] -%}
  {%- set rows %}
  select
  {%- for column in columns %}
    {% if column.name | lower == 'user_id' -%}
    case when moves.moved_key is null then held.user_id else moves.moved_user_id end as user_id
    {%- else -%}
    held.{{ column.quoted }}
    {%- endif %}{{ ',' if not loop.last }}
  {%- endfor %}
  from {{ relation }} as held
  left join ({{ moves }}) as moves
    on held.{{ key }} = moves.moved_key
  {%- endset %}
  {{ heap_connect.spark_rewrite(relation, rows) }}
{%- endmacro %}

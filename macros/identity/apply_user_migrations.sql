{#-
  Moves the rows of `relation` that still carry a migrated user id to the user it now
  belongs to (int_user_map), in place. Output tables are built with migrations applied; this
  is for rows written by an earlier sync, before a migration that moves them arrived.
  Applying it twice changes nothing. Returns the SQL; run it with run_query or as a post-hook.
-#}
{% macro apply_user_migrations(relation, user_map=none) -%}
  {%- set user_map = user_map or ref('int_user_map') -%}
  {{ return(adapter.dispatch('apply_user_migrations', 'heap_connect')(relation, user_map)) }}
{%- endmacro %}

{# UPDATE ... FROM: DuckDB, PostgreSQL, Redshift and Snowflake.
   https://duckdb.org/docs/stable/sql/statements/update
   https://docs.snowflake.com/en/sql-reference/sql/update #}
{% macro default__apply_user_migrations(relation, user_map) -%}
  update {{ relation }}
  set user_id = user_map.to_user_id
  from {{ user_map }} as user_map
  where {{ relation }}.user_id = user_map.from_user_id
{%- endmacro %}

{# BigQuery's emulator runs MERGE but not UPDATE; MERGE is also BigQuery's own advice for
   updates from another table. https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__apply_user_migrations(relation, user_map) -%}
  merge into {{ relation }} as target
  using {{ user_map }} as user_map
  on target.user_id = user_map.from_user_id
  when matched then update set user_id = user_map.to_user_id
{%- endmacro %}

{# Spark: parquet tables take no UPDATE; the table is written again from itself with user_id
   mapped (heap_connect.spark_rewrite).
   https://spark.apache.org/docs/latest/sql-ref-syntax-dml-insert-table.html #}
{% macro spark__apply_user_migrations(relation, user_map) -%}
  {%- set columns = adapter.get_columns_in_relation(relation) if execute else [] -%}
  {%- set rows %}
  select
  {%- for column in columns %}
    {% if column.name | lower == 'user_id' -%}
    coalesce(user_map.to_user_id, held.user_id) as user_id
    {%- else -%}
    held.{{ column.quoted }}
    {%- endif %}{{ ',' if not loop.last }}
  {%- endfor %}
  from {{ relation }} as held
  left join {{ user_map }} as user_map
    on held.user_id = user_map.from_user_id
  {%- endset %}
  {{ heap_connect.spark_rewrite(relation, rows) }}
{%- endmacro %}

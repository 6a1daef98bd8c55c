{#-
  The statements that replace `relation` with the result of `sql` (which may read
  `relation` itself), so that a reader sees the old table or the new one, never none:
  DuckDB, PostgreSQL and Redshift build it under another name, drop the old one (dbt's drop,
  with its views: all_events and the segment views are made again later in the sync) and
  rename, all in the caller's transaction; Snowflake and BigQuery `create or replace` it (their
  create_table_as) in one statement.
-#}
{% macro replace_table_statements(relation, sql) -%}
  {{ return(adapter.dispatch('replace_table_statements', 'heap_connect')(relation, sql)) }}
{%- endmacro %}

{% macro default__replace_table_statements(relation, sql) -%}
  {%- set building = relation.incorporate(path={'identifier': relation.identifier ~ '__heap_new'}) -%}
  {{ return([
      get_drop_sql(building),
      get_create_table_as_sql(False, building, sql),
      get_drop_sql(relation),
      'alter table ' ~ building ~ ' rename to ' ~ adapter.quote(relation.identifier),
  ]) }}
{%- endmacro %}

{% macro snowflake__replace_table_statements(relation, sql) -%}
  {{ return([get_create_table_as_sql(False, relation, sql)]) }}
{%- endmacro %}

{% macro bigquery__replace_table_statements(relation, sql) -%}
  {{ return([get_create_table_as_sql(False, relation, sql)]) }}
{%- endmacro %}

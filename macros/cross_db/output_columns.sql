{#-
  Every column of every relation in the output schema, from one metadata query (not one per
  relation): {relation name: [{name, type}]} in column order, `type` logical (bigint, double,
  boolean, timestamp, text). Answers {} while dbt parses. `relations` ({name: relation}):
  the ones the caller needs, looked up one by one on crucible, the BigQuery stand-in, which
  has no INFORMATION_SCHEMA (`Not supported by Crucible: INFORMATION_SCHEMA`); elsewhere
  the one query answers for every relation of the schema. Spark has no INFORMATION_SCHEMA
  either (Databricks' Unity Catalog has one): there too one by one.
-#}
{% macro output_columns(relations={}) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return({}) }}{%- endif -%}
  {%- if adapter.dispatch('output_columns_per_relation', 'heap_connect')() -%}
    {%- set tables = {} -%}
    {%- for name, relation in relations.items() -%}
      {%- set existing = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
      {%- if existing is not none -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(existing) -%}
          {%- do columns.append({'name': column.name | lower, 'type': heap_connect.logical_type(column)}) -%}
        {%- endfor -%}
        {%- do tables.update({name | lower: columns}) -%}
      {%- endif -%}
    {%- endfor -%}
    {{ return(tables) }}
  {%- endif -%}
  {%- set result = run_query(adapter.dispatch('output_columns_query', 'heap_connect')(heap_connect.output_schema())) -%}
  {%- set tables = {} -%}
  {#- a type's logical type worked out once, not once per column: tens of thousands of
      columns at 1,000 event tables took seconds of Jinja -#}
  {%- set logical = {} -%}
  {%- for row in result.rows -%}
    {%- set table = row[0] | lower -%}
    {%- if table not in tables %}{% do tables.update({table: []}) %}{% endif -%}
    {%- if row[2] not in logical %}{% do logical.update({row[2]: heap_connect.logical_type(api.Column(row[1], row[2]))}) %}{% endif -%}
    {%- do tables[table].append({'name': row[1] | lower, 'type': logical[row[2]]}) -%}
  {%- endfor -%}
  {{ return(tables) }}
{%- endmacro %}

{# information_schema.columns: DuckDB, PostgreSQL, Redshift, Snowflake.
   https://duckdb.org/docs/stable/sql/meta/information_schema #}
{% macro default__output_columns_query(schema) -%}
  select table_name, column_name, data_type
  from information_schema.columns
  where lower(table_schema) = lower({{ heap_connect.sql_string(schema) }})
  order by table_name, ordinal_position
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/information-schema-columns #}
{% macro bigquery__output_columns_query(schema) -%}
  select table_name, column_name, data_type
  from {{ adapter.quote(target.project) }}.{{ adapter.quote(schema) }}.INFORMATION_SCHEMA.COLUMNS
  order by table_name, ordinal_position
{%- endmacro %}

{# Snowflake's information_schema names every integer type NUMBER, with its precision and
   scale in other columns: spell NUMBER(p,s) so heap_connect.logical_type tells bigint.
   https://docs.snowflake.com/en/sql-reference/info-schema/columns #}
{% macro snowflake__output_columns_query(schema) -%}
  select
    table_name,
    column_name,
    case when data_type = 'NUMBER'
      then 'NUMBER(' || numeric_precision || ',' || numeric_scale || ')'
      else data_type end as data_type
  from information_schema.columns
  where lower(table_schema) = lower({{ heap_connect.sql_string(schema) }})
  order by table_name, ordinal_position
{%- endmacro %}

{#- True where output_columns looks the relations up one by one: crucible (no
    INFORMATION_SCHEMA), Spark (none; DESCRIBE per table). -#}
{% macro default__output_columns_per_relation() -%}
  {{ return(false) }}
{%- endmacro %}

{% macro bigquery__output_columns_per_relation() -%}
  {{ return(heap_connect.on_stand_in('bigquery')) }}
{%- endmacro %}

{# https://spark.apache.org/docs/latest/sql-ref-syntax-aux-describe-table.html #}
{% macro spark__output_columns_per_relation() -%}
  {{ return(true) }}
{%- endmacro %}

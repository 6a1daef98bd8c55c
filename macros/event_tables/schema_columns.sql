{#-
  The columns of the `tables` (names) of `schema_relation`'s schema, as adapter Columns in
  their order: {table name (lower case): [Column]}. One query of information_schema where
  its types describe columns as the adapter's own lookup does (DuckDB, PostgreSQL,
  Redshift); elsewhere the adapter's lookup per table.
-#}
{% macro schema_columns(schema_relation, tables) -%}
  {{ return(adapter.dispatch('schema_columns', 'heap_connect')(schema_relation, tables)) }}
{%- endmacro %}

{% macro default__schema_columns(schema_relation, tables) -%}
  {%- set columns = {} -%}
  {%- for table in tables -%}
    {%- do columns.update({table | lower: adapter.get_columns_in_relation(schema_relation.incorporate(path={'identifier': table}))}) -%}
  {%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

{% macro duckdb__schema_columns(schema_relation, tables) -%}
  {{ return(heap_connect.information_schema_columns(schema_relation, tables)) }}
{%- endmacro %}

{% macro postgres__schema_columns(schema_relation, tables) -%}
  {{ return(heap_connect.information_schema_columns(schema_relation, tables)) }}
{%- endmacro %}

{% macro redshift__schema_columns(schema_relation, tables) -%}
  {{ return(heap_connect.information_schema_columns(schema_relation, tables)) }}
{%- endmacro %}

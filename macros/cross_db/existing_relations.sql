{#-
  The aliases (lower-cased) of the graph `nodes` whose relation exists in the warehouse.
  dbt's adapter.get_relation scans every relation of the schema at each call, so asking it
  once per node costs dbt time that grows with the square of the tables (~10 s for each
  pass over 1,000 event tables); on DuckDB each schema is listed once instead, in one query.
-#}
{% macro existing_relations(nodes) -%}
  {{ return(adapter.dispatch('existing_relations', 'heap_connect')(nodes)) }}
{%- endmacro %}

{% macro default__existing_relations(nodes) -%}
  {%- set found = [] -%}
  {%- for node in nodes
      if adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) is not none -%}
    {%- do found.append(node.alias | lower) -%}
  {%- endfor -%}
  {{ return(found) }}
{%- endmacro %}

{% macro duckdb__existing_relations(nodes) -%}
  {%- set listed = {} -%}
  {%- set found = [] -%}
  {%- for node in nodes -%}
    {%- set key = (node.database ~ '.' ~ node.schema) | lower -%}
    {%- if key not in listed -%}
      {%- set names = {} -%}
      {%- for row in run_query('select table_name from system.information_schema.tables where lower(table_catalog) = '
          ~ heap_connect.sql_string(node.database | lower) ~ ' and lower(table_schema) = '
          ~ heap_connect.sql_string(node.schema | lower)).rows -%}
        {%- do names.update({row[0] | lower: true}) -%}
      {%- endfor -%}
      {%- do listed.update({key: names}) -%}
    {%- endif -%}
    {%- if (node.alias | lower) in listed[key] -%}{%- do found.append(node.alias | lower) -%}{%- endif -%}
  {%- endfor -%}
  {{ return(found) }}
{%- endmacro %}

{#-
  Logs one line `heap_connect_row_counts {"table": rows, ...}` with the row count of every
  model of the Heap Connect output schema that exists in the warehouse; `heapgen sync`
  reads it for its summary. Run as: dbt run-operation output_row_counts
-#}
{% macro output_row_counts() -%}
  {%- set queries = [] -%}
  {%- for node in graph.nodes.values() | sort(attribute='alias')
      if node.resource_type == 'model' and node.config.schema == 'heap_output' -%}
    {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- if relation is not none -%}
      {%- do queries.append('select ' ~ heap_connect.sql_string(node.alias) ~ ' as table_name, count(*) as row_count from ' ~ relation) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set counts = {} -%}
  {%- if queries -%}
    {%- for row in run_query(queries | join(' union all ')).rows -%}
      {%- do counts.update({row[0]: row[1] | int}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- do log('heap_connect_row_counts ' ~ tojson(counts), info=true) -%}
{%- endmacro %}

{#- Creates the output schema and the bookkeeping tables (columns from the column spec)
    when they do not exist yet. -#}
{% macro ensure_sync_tables() -%}
  {%- do adapter.create_schema(api.Relation.create(database=target.database, schema=heap_connect.output_schema())) -%}
  {%- for name in ['_sync_history', '_sync_info', '_dropped_tables'] -%}
    {%- set relation = heap_connect.sync_relation(name) -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
      {%- set columns = [] -%}
      {%- for column in heap_connect.spec_columns(name) -%}
        {%- do columns.append(heap_connect.quote_column(column['name']) ~ ' ' ~ heap_connect.type_for(column['type'])) -%}
      {%- endfor -%}
      {%- do run_query('create table ' ~ relation ~ ' (' ~ columns | join(', ') ~ ')') -%}
    {%- endif -%}
  {%- endfor -%}
{%- endmacro %}

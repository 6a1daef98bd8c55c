{#-
  The lower-case names of the columns of each Segment / RudderStack table in `tables` (names
  of the `segment` source's tables), as {table: [names]} asked in one query where the
  warehouse allows it (heap_connect.schema_columns), or {table: none} while dbt parses or
  compiles offline (every column is then taken to exist). A table that does not exist yet has
  no columns. Segment and RudderStack create a column only when a value first arrives for it,
  so a column the mapping reads may not exist yet: heap_connect.segment_column reads null for it.
-#}
{% macro segment_table_columns(tables) -%}
  {%- set found = {} -%}
  {%- if execute and not heap_connect.is_offline() and tables -%}
    {%- set first = source('segment', tables[0]) -%}
    {%- set identifiers = {} -%}
    {%- for table in tables %}{% do identifiers.update({table: source('segment', table).identifier}) %}{% endfor -%}
    {%- set columns = heap_connect.schema_columns(first.incorporate(path={'identifier': none}), identifiers.values() | list) -%}
    {%- for table, identifier in identifiers.items() -%}
      {%- do found.update({table: columns.get(identifier | lower, []) | map(attribute='name') | map('lower') | list}) -%}
    {%- endfor -%}
  {%- else -%}
    {%- for table in tables %}{% do found.update({table: none}) %}{% endfor -%}
  {%- endif -%}
  {{ return(found) }}
{%- endmacro %}

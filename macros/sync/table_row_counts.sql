{#-
  Row counts of the tables `tables` ({name: relation}) in one statement
  (heap_connect.table_counts_query): {name: [rows, written]}, `written` the rows whose `key`
  is among the keys of `batch` (a relation), or every row when `batch` is none. A table with
  no row is [0, 0].
-#}
{% macro table_row_counts(tables, key=none, batch=none) -%}
  {%- set counts = {} -%}
  {%- for name in tables %}{% do counts.update({name: [0, 0]}) %}{% endfor -%}
  {%- if tables -%}
    {%- for row in run_query(heap_connect.table_counts_query(tables, key, batch)).rows -%}
      {%- do counts.update({row[0]: [row[1] | int, row[2] | int]}) -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(counts) }}
{%- endmacro %}

{#-
  Row counts of the tables `tables` ({name: relation}) in one statement
  (heap_connect.table_counts_query): {name: [rows, written]}, `written` the rows whose `key`
  is among the keys of `batch` (a relation), or every row when `batch` is none; with
  `max_column`, [rows, written, newest], `newest` that column's largest value as the
  warehouse returned it (none when the table has no row). A table with no row is [0, 0].
-#}
{% macro table_row_counts(tables, key=none, batch=none, max_column=none) -%}
  {%- set counts = {} -%}
  {%- for name in tables %}{% do counts.update({name: [0, 0, none] if max_column else [0, 0]}) %}{% endfor -%}
  {%- if tables -%}
    {%- for row in run_query(heap_connect.table_counts_query(tables, key, batch, max_column)).rows -%}
      {%- do counts.update({row[0]: [row[1] | int, row[2] | int] + ([row[3]] if max_column else [])}) -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(counts) }}
{%- endmacro %}

{#-
  The ORDER BY that lays a table's rows out by `columns` as it is written, where the
  warehouse keeps rows in the order they are inserted and skips the row groups a filter
  rules out by their min/max (DuckDB's zone maps): int_events_labeled is written in
  label_id order, so each event table's `where label_id = ...` reads its own row groups,
  not the whole tag table. Elsewhere nothing: the warehouse's own physical design
  (heap_connect.physical_design) decides the layout, and an ORDER BY would only cost a sort.
-#}
{% macro insertion_order(columns) -%}
  {{ return(adapter.dispatch('insertion_order', 'heap_connect')(columns)) }}
{%- endmacro %}

{% macro default__insertion_order(columns) -%}
{%- endmacro %}

{% macro duckdb__insertion_order(columns) -%}
order by {{ columns | join(', ') }}
{%- endmacro %}

{#-
  The statements that run `statement` — one SQL statement whose query reads the tag table
  (int_events_labeled) first and joins the events and sessions to it — so that its rows come
  out in the tag table's order where that order is kept and pays (DuckDB): the rows of a
  sync (heap_connect.event_table_rows) then lie in label order without being sorted, and
  each event table reads only its own row groups (DuckDB's zone maps).

  DuckDB builds a hash join on the side it estimates cheaper (here the narrow tag table),
  and the output follows the other side (the events, in event order); with its join-order
  and build-side optimizers set aside for this one statement it builds on the events, as
  the query names them, and streams the tags through in their order. At 1M events and
  1,000 labels that wrote the rows in 22 s where sorting them took 43 s (decision 0015).
  The order only decides how much each table reads, never what it reads (each selects
  its label). The setting the session had is put back after the statement. Elsewhere the
  statement as it is: the warehouse's own physical design decides (heap_connect.physical_design).
-#}
{% macro in_tag_order(statement) -%}
  {{ return(adapter.dispatch('in_tag_order', 'heap_connect')(statement)) }}
{%- endmacro %}

{% macro default__in_tag_order(statement) -%}
  {{ return([statement]) }}
{%- endmacro %}

{% macro duckdb__in_tag_order(statement) -%}
  {%- set had = run_query("select current_setting('disabled_optimizers')").columns[0].values()[0] if execute else '' -%}
  {%- set disabled = ([had] if had else []) + ['join_order', 'build_side_probe_side'] -%}
  {{ return([
      'set disabled_optimizers = ' ~ heap_connect.sql_string(disabled | join(',')),
      statement,
      'set disabled_optimizers = ' ~ heap_connect.sql_string(had),
  ]) }}
{%- endmacro %}

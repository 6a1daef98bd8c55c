{#-
  Row counts of the tables `tables` ({name: relation}) in one statement: {name: [rows,
  written]}, `written` the rows whose `key` is among the keys of `batch` (a relation), or
  every row when `batch` is none. One pass over the tables' rows, the batch's keys read
  once (one `key in (select ... from batch)` per table made the warehouse read the batch
  once per table: at 1,000 event tables and a 5% batch, 3.5 s against 0.9 s on DuckDB).
  A table with no row is [0, 0]. Every column is named: agate rejects two `count(*)`
  columns of the same name on some adapters (fakesnow).
-#}
{% macro table_row_counts(tables, key=none, batch=none) -%}
  {%- set counts = {} -%}
  {%- set reads = [] -%}
  {%- for name, relation in tables.items() -%}
    {%- do counts.update({name: [0, 0]}) -%}
    {%- do reads.append('select ' ~ heap_connect.sql_string(name) ~ ' as heap_table'
        ~ (', ' ~ key ~ ' as heap_key' if batch is not none else '') ~ ' from ' ~ relation) -%}
  {%- endfor -%}
  {%- if reads -%}
    {%- set query -%}
      select t.heap_table, count(*) as heap_rows,
        {{ 'count(b.heap_key)' if batch is not none else 'count(*)' }} as heap_written
      from ({{ reads | join(' union all ') }}) as t
      {%- if batch is not none %}
      left join (select distinct {{ key }} as heap_key from {{ batch }}) as b
        on b.heap_key = t.heap_key
      {%- endif %}
      group by t.heap_table
    {%- endset -%}
    {%- for row in run_query(query).rows -%}
      {%- do counts.update({row[0]: [row[1] | int, row[2] | int]}) -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(counts) }}
{%- endmacro %}

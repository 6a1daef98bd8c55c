{#-
  A query of literal rows: `columns` [(name, SQL type)], `rows` a list of rows, each a list
  of SQL literals in the columns' order; no rows gives an empty result of those columns.
  One VALUES list where the warehouse plans it cheaply (a UNION ALL of a thousand one-row
  selects takes DuckDB seconds to plan); a UNION ALL elsewhere (Redshift and BigQuery read
  no VALUES list in FROM).
-#}
{% macro literal_rows(columns, rows) -%}
  {%- if rows | length == 0 -%}
  select
    {%- for name, type in columns %}
    cast(null as {{ type }}) as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
  where 1 = 0
  {%- else -%}
  {{ adapter.dispatch('literal_rows', 'heap_connect')(columns, rows) }}
  {%- endif -%}
{%- endmacro %}

{% macro default__literal_rows(columns, rows) -%}
  {%- for row in rows %}
  select
    {%- for name, type in columns %}
    cast({{ row[loop.index0] }} as {{ type }}) as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
{%- endmacro %}

{% macro heap_connect_values_rows(columns, rows) -%}
  select
    {%- for name, type in columns %}
    cast(literal_rows.{{ name }} as {{ type }}) as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
  from (values
    {%- for row in rows %}
    ({{ row | join(', ') }}){{ ',' if not loop.last }}
    {%- endfor %}
  ) as literal_rows ({{ columns | map(attribute=0) | join(', ') }})
{%- endmacro %}

{% macro duckdb__literal_rows(columns, rows) -%}
  {{ heap_connect.heap_connect_values_rows(columns, rows) }}
{%- endmacro %}

{% macro postgres__literal_rows(columns, rows) -%}
  {{ heap_connect.heap_connect_values_rows(columns, rows) }}
{%- endmacro %}

{% macro snowflake__literal_rows(columns, rows) -%}
  {{ heap_connect.heap_connect_values_rows(columns, rows) }}
{%- endmacro %}

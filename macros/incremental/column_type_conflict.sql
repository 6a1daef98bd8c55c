{#-
  Why a table's column types (`relation`; `prior`: its adapter Columns) cannot take its batch's
  property columns (`batch`, heap_connect.property_columns), or none (an event table's, users'). Types only widen: a
  column keeps its type when the batch's values of it fit (the same type, integers in a
  double, or anything in a text column that already holds values); otherwise the type a
  build from all history would give differs, and the table is rebuilt. A text column with
  no values yet counts as untyped.
-#}
{% macro column_type_conflict(relation, prior, batch) -%}
  {%- set existing = {} -%}
  {#- column names compare in lower case: Snowflake describes unquoted names in upper case;
      only the batch's columns are typed (a table has ~50 columns, 1,000 tables a sync) #}
  {%- for column in prior -%}
    {%- do existing.update({column.name | lower: column}) -%}
  {%- endfor -%}
  {%- for column in batch if column['n_values'] > 0 and column['name'] in existing -%}
    {%- set held = heap_connect.logical_type(existing[column['name']]) -%}
    {%- set fits = held == column['type'] or (held == 'double' and column['type'] == 'bigint') -%}
    {%- if not fits and held == 'text' -%}
      {%- set count = run_query('select count(' ~ heap_connect.quote_column(column['name']) ~ ') from ' ~ relation).rows[0][0] -%}
      {%- set fits = count > 0 -%}
    {%- endif -%}
    {%- if not fits -%}
      {{ return('column ' ~ column['name'] ~ ' (' ~ held ~ ') cannot hold ' ~ column['type'] ~ ' values') }}
    {%- endif -%}
  {%- endfor -%}
  {{ return(none) }}
{%- endmacro %}

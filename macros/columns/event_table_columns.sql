{#- The built-in columns of an event table whose events come from `libraries`: every
    `event_table` spec column that all libraries carry, or one of these libraries does. -#}
{% macro event_table_columns(libraries) -%}
  {%- set columns = [] -%}
  {%- for column in heap_connect.spec_columns('event_table') -%}
    {%- set carried = column['libraries'] -%}
    {%- if 'all' in carried or (carried | select('in', libraries) | list | length > 0) -%}
      {%- do columns.append(column) -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

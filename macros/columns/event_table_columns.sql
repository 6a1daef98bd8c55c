{#- The built-in columns of an event table whose events come from `libraries`: every
    `event_table` spec column that all libraries carry, or one of these libraries does. -#}
{% macro event_table_columns(libraries) -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- set key = 'event_table_columns ' ~ libraries | join(',') -%}
  {%- if key in cache -%}{{ return(cache[key]) }}{%- endif -%}
  {%- set columns = [] -%}
  {%- for column in heap_connect.spec_columns('event_table') -%}
    {%- set carried = column['libraries'] -%}
    {%- if 'all' in carried or (carried | select('in', libraries) | list | length > 0) -%}
      {%- do columns.append(column) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- do cache.update({key: columns}) -%}
  {{ return(columns) }}
{%- endmacro %}

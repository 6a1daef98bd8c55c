{#- The columns every event table of `libraries` selects from the sync's rows
    (heap_connect.event_table_rows) as they are: {builtin: [r.<built-in column>],
    defined: [r.<defined property column>]}, quoted once per invocation
    (heap_connect.invocation_cache), not once per table. -#}
{% macro event_table_fixed_columns(libraries) -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- set key = 'event_table_fixed_columns ' ~ libraries | join(',') -%}
  {%- if key not in cache -%}
    {%- set columns = {'builtin': [], 'defined': []} -%}
    {%- for column in heap_connect.event_table_columns(libraries) -%}
      {%- do columns['builtin'].append('r.' ~ heap_connect.quote_column(column['name'])) -%}
    {%- endfor -%}
    {%- for property in heap_connect.defined_properties('event') -%}
      {%- do columns['defined'].append('r.' ~ heap_connect.quote_column(property['column'])) -%}
    {%- endfor -%}
    {%- do cache.update({key: columns}) -%}
  {%- endif -%}
  {{ return(cache[key]) }}
{%- endmacro %}

{#- The select list of the current mart model in its table order (heap_connect.mart_layout):
    every column of the table it copies as `copied_alias` holds it (its own type), then each
    column the mart adds, read by name from `added_alias` and cast to its type. -#}
{% macro mart_select(copied_alias, added_alias) -%}
  {%- set layout = heap_connect.mart_layout() -%}
  {%- for column in layout['copied'] %}
    {{ copied_alias }}.{{ heap_connect.quote_column(column['name']) }} as {{ heap_connect.quote_column(column['column']) }},
  {%- endfor %}
  {%- for column in layout['added'] %}
    cast({{ added_alias }}.{{ heap_connect.quote_column(column['name']) }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
{%- endmacro %}

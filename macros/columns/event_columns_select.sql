{#- The select list of an event row's built-in `columns` (spec column dicts), each from
    heap_connect.event_column_expr and cast to its spec type. -#}
{% macro event_columns_select(columns, event_alias='e', session_alias='s') -%}
  {%- for column in columns %}
    cast({{ heap_connect.event_column_expr(column['name'], event_alias, session_alias) }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
{%- endmacro %}

{#- The select list of a table's built-in columns, each cast to its spec type, in spec
    order, read from `relation_alias` unless `expressions` gives a column its own. -#}
{% macro spec_select(table_name, relation_alias, expressions={}) -%}
  {%- for column in heap_connect.spec_columns(table_name) %}
    cast({{ expressions.get(column['name'], relation_alias ~ '.' ~ heap_connect.quote_column(column['name'])) }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
{%- endmacro %}

{#- {column name: `alias`.column} for `columns` (names, or dicts with a 'name'), plus `extra`
    ({name: expression}): the users columns a defined property or segment may read. -#}
{% macro aliased_columns(alias, columns, extra={}) -%}
  {%- set result = {} -%}
  {%- for column in columns -%}
    {%- set name = column['name'] if column is mapping else column -%}
    {%- do result.update({name: alias ~ '.' ~ heap_connect.quote_column(name)}) -%}
  {%- endfor -%}
  {%- do result.update(extra) -%}
  {{ return(result) }}
{%- endmacro %}

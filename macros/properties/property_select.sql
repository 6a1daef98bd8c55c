{#- The select list of custom property columns (from heap_connect.property_columns) read
    from the JSON object `json_expr`: each column's keys in order, the first set one wins,
    cast to the column's type. A column without keys (none of the rows has it) or named in
    `empty` (archived properties) is null. -#}
{% macro property_select(columns, json_expr, empty=[]) -%}
  {%- for column in columns %}
    {%- set values = [] %}
    {%- if column['name'] not in empty %}
      {%- for key in column['keys'] %}{% do values.append(heap_connect.json_extract_text(json_expr, key)) %}{% endfor %}
    {%- endif %}
    {%- set value = 'null' if values | length == 0 else (values[0] if values | length == 1 else 'coalesce(' ~ values | join(', ') ~ ')') %}
    cast({{ value }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
{%- endmacro %}

{#- The select list of custom property columns (from heap_connect.infer_property_columns)
    read from the JSON object `json_expr`: each column's keys in order, the first set one
    wins, cast to the column's type. -#}
{% macro property_select(columns, json_expr) -%}
  {%- for column in columns %}
    {%- set values = [] %}
    {%- for key in column['keys'] %}{% do values.append(heap_connect.json_extract_text(json_expr, key)) %}{% endfor %}
    cast({{ values[0] if values | length == 1 else 'coalesce(' ~ values | join(', ') ~ ')' }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
{%- endmacro %}

{#- A CASE expression mapping `key_expr` (a property key) to its column name among
    `columns` (from heap_connect.infer_property_columns); null for keys of no column. -#}
{% macro property_column_name(key_expr, columns) -%}
  {%- set keys = [] -%}
  {%- for column in columns %}{% do keys.extend(column['keys']) %}{% endfor -%}
  {%- if keys | length == 0 -%}
    cast(null as {{ dbt.type_string() }})
  {%- else -%}
    case {{ key_expr }}
    {%- for column in columns %}{% for key in column['keys'] %}
      when {{ heap_connect.sql_string(key) }} then {{ heap_connect.sql_string(column['name']) }}
    {%- endfor %}{% endfor %}
    end
  {%- endif -%}
{%- endmacro %}

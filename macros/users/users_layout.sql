{#- Every column `users` has after this sync's batch, in a full build's order: user_id,
    identity, handle, email, joindate, last_modified, the custom property columns by name
    (heap_connect.users_property_columns), then the user-scope defined properties. A list of
    {name, type} (logical types), for heap_connect.column_order_change. -#}
{% macro users_layout() -%}
  {%- set columns = [] -%}
  {%- for column in heap_connect.spec_columns('users') -%}
    {%- do columns.append({'name': column['name'], 'type': column['type']}) -%}
  {%- endfor -%}
  {%- for column in heap_connect.users_property_columns(true)['custom'] -%}
    {%- do columns.append({'name': column['name'], 'type': column['type']}) -%}
  {%- endfor -%}
  {%- for property in heap_connect.defined_properties('user') -%}
    {%- do columns.append({'name': property['column'], 'type': 'text'}) -%}
  {%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

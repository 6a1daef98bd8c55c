{#- The column names of `users` a user property key cannot take (heap_connect.property_key_column):
    its built-in columns other than the properties handle and email, and the user-scope
    defined properties. -#}
{% macro users_reserved() -%}
  {%- set reserved = [] -%}
  {%- for column in heap_connect.spec_columns('users') if column['name'] not in ('handle', 'email') -%}
    {%- do reserved.append(column['name']) -%}
  {%- endfor -%}
  {%- do reserved.extend(heap_connect.defined_properties('user') | map(attribute='column')) -%}
  {{ return(reserved) }}
{%- endmacro %}

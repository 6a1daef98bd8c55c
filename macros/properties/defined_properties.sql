{#- The defined properties of `scope` ('event' or 'user'), from the generated
    heap_connect_defined_properties, in definition order. -#}
{% macro defined_properties(scope) -%}
  {%- set result = [] -%}
  {%- for property in heap_connect.heap_connect_defined_properties() if property['scope'] == scope -%}
    {%- do result.append(property) -%}
  {%- endfor -%}
  {{ return(result) }}
{%- endmacro %}

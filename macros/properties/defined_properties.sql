{#- The defined properties of `scope` ('event' or 'user'), from the generated
    heap_connect_defined_properties, in definition order (worked out once per invocation). -#}
{% macro defined_properties(scope) -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- if ('defined_properties ' ~ scope) in cache -%}{{ return(cache['defined_properties ' ~ scope]) }}{%- endif -%}
  {%- set result = [] -%}
  {%- for property in heap_connect.heap_connect_defined_properties() if property['scope'] == scope -%}
    {%- do result.append(property) -%}
  {%- endfor -%}
  {%- do cache.update({'defined_properties ' ~ scope: result}) -%}
  {{ return(result) }}
{%- endmacro %}

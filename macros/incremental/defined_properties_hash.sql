{#- The defined properties of `scope` as one string, `column:hash+...` sorted ('' when there
    are none): part of the state of every table that carries them, so editing one rebuilds
    them (heapgen.defined_properties.properties_hash gives the same string). -#}
{% macro defined_properties_hash(scope) -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set items = [] -%}
  {%- for property in heap_connect.defined_properties(scope) -%}
    {%- do items.append(property['column'] ~ contract['hash_separator'] ~ property['definition_hash']) -%}
  {%- endfor -%}
  {{ return(items | sort | join(contract['property_separator'])) }}
{%- endmacro %}

{#- The columns of an event table that are not custom property columns: the event-table
    spec columns and the event-scope defined properties. A custom property whose column would
    be one of them is left out. -#}
{% macro event_table_reserved() -%}
  {%- set reserved = [] -%}
  {%- for column in heap_connect.spec_columns('event_table') %}{% do reserved.append(column['name']) %}{% endfor -%}
  {%- do reserved.extend(heap_connect.defined_properties('event') | map(attribute='column')) -%}
  {{ return(reserved) }}
{%- endmacro %}

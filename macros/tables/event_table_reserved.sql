{#- The columns of an event table that are not custom property columns: the event-table
    spec columns and the event-scope defined properties. A custom property whose column would
    be one of them is left out. -#}
{% macro event_table_reserved() -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- if 'event_table_reserved' in cache -%}{{ return(cache['event_table_reserved']) }}{%- endif -%}
  {%- set reserved = [] -%}
  {%- for column in heap_connect.spec_columns('event_table') %}{% do reserved.append(column['name']) %}{% endfor -%}
  {%- do reserved.extend(heap_connect.defined_properties('event') | map(attribute='column')) -%}
  {%- do cache.update({'event_table_reserved': reserved}) -%}
  {{ return(reserved) }}
{%- endmacro %}

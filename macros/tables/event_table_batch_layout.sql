{#- Every column an event table has after its batch, in the order a full build gives:
    the built-in columns of its libraries, its property columns by name
    (heap_connect.event_table_batch_columns), then the event-scope defined properties.
    A list of {name, type} (logical types). -#}
{% macro event_table_batch_layout(label_id) -%}
  {%- set columns = [] -%}
  {%- for column in heap_connect.event_table_columns(heap_connect.labeled_event(label_id)['libraries']) -%}
    {%- do columns.append({'name': column['name'], 'type': column['type']}) -%}
  {%- endfor -%}
  {%- for column in heap_connect.event_table_batch_columns(label_id, heap_connect.event_table_reserved()) -%}
    {%- do columns.append({'name': column['name'], 'type': column['type']}) -%}
  {%- endfor -%}
  {%- for property in heap_connect.defined_properties('event') -%}
    {%- do columns.append({'name': property['column'], 'type': 'text'}) -%}
  {%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

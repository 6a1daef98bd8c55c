{#- Every column of a labeled event's table in the order a full build gives: the built-in
    columns of its libraries, its property columns by name (`properties`), then the
    event-scope defined properties. A list of {name, type} (logical types). -#}
{% macro event_table_layout(label, properties) -%}
  {%- set columns = [] -%}
  {%- for column in heap_connect.event_table_columns(label['libraries']) -%}
    {%- do columns.append({'name': column['name'], 'type': column['type']}) -%}
  {%- endfor -%}
  {%- for column in properties -%}
    {%- do columns.append({'name': column['name'], 'type': column['type']}) -%}
  {%- endfor -%}
  {%- for property in heap_connect.defined_properties('event') -%}
    {%- do columns.append({'name': property['column'], 'type': 'text'}) -%}
  {%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

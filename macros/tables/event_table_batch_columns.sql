{#-
  The property columns an event table's batch writes, by name as in a full build: every
  property column the table has (`prior`: its adapter Columns; its type kept), and those of
  the batch's events (`batch`, heap_connect.property_columns) that it does not have yet.
  Built-in and defined-property columns (heap_connect.event_table_reserved) are not
  property columns.
-#}
{% macro event_table_batch_columns(prior, batch) -%}
  {%- set reserved = heap_connect.event_table_reserved() -%}
  {%- set keys = {} -%}
  {%- for column in batch %}{% do keys.update({column['name']: column}) %}{% endfor -%}
  {#- column names compare in lower case: Snowflake describes unquoted names in upper case #}
  {%- for existing in prior if existing.name | lower not in reserved -%}
    {%- set seen = keys.get(existing.name | lower) -%}
    {%- do keys.update({existing.name | lower: {'name': existing.name | lower,
        'keys': seen['keys'] if seen else [], 'type': heap_connect.logical_type(existing)}}) -%}
  {%- endfor -%}
  {%- set columns = [] -%}
  {%- for name in keys | sort -%}{%- do columns.append(keys[name]) -%}{%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

{#-
  The property columns an event table's batch writes, by name as in a full build: every
  property column the table has (its type kept), and those the batch's events bring that it
  does not have yet (type from the batch's profile in int_label_property_profile). Built-in
  `reserved` columns are not property columns.
-#}
{% macro event_table_batch_columns(label_id, reserved) -%}
  {%- if not execute -%}{{ return([]) }}{%- endif -%}
  {%- set batch = heap_connect.label_batch_columns(label_id, reserved) -%}
  {%- set keys = {} -%}
  {%- for column in batch %}{% do keys.update({column['name']: column}) %}{% endfor -%}
  {#- column names compare in lower case: Snowflake describes unquoted names in upper case #}
  {%- for existing in heap_connect.prior_columns() if existing.name | lower not in reserved -%}
    {%- set seen = keys.get(existing.name | lower) -%}
    {%- do keys.update({existing.name | lower: {'name': existing.name | lower,
        'keys': seen['keys'] if seen else [], 'type': heap_connect.logical_type(existing)}}) -%}
  {%- endfor -%}
  {%- set columns = [] -%}
  {%- for name in keys | sort -%}{%- do columns.append(keys[name]) -%}{%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

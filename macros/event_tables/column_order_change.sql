{#-
  Why an event table must be copied into a new column order this sync, or none. An added
  column lands after the table's last column (no warehouse can place one), while a full
  build puts a new property column among the property columns by name, before the
  event-scope defined properties. When the table's columns (`prior`, adapter Columns) with
  the batch's new ones appended are not in the full build's order (`layout`,
  heap_connect.event_table_layout), the table is copied from its own rows and its batch into
  that order (heap_connect.apply_event_tables): one copy of the table, not a pass over all
  history. A table in an order of its own (built before this rule) is put in order the same way.
-#}
{% macro column_order_change(prior, layout) -%}
  {%- set held = [] -%}
  {#- column names compare in lower case: Snowflake describes unquoted names in upper case #}
  {%- for column in prior %}{% do held.append(column.name | lower) %}{% endfor -%}
  {%- set wanted = layout | map(attribute='name') | list -%}
  {%- set added = [] -%}
  {%- for name in wanted if name not in held %}{% do added.append(name) %}{% endfor -%}
  {%- if held + added == wanted -%}{{ return(none) }}{%- endif -%}
  {{ return('new column ' ~ added | join(', ') if added else 'column order') }}
{%- endmacro %}

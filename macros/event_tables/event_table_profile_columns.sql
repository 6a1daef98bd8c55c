{#- The property columns (heap_connect.property_columns) of a label's tagged events from
    int_label_property_profile: of the batch (`part` 'batch'), or of all history ('history':
    none unless the profile covered all history this sync, a first sync or --full-refresh). -#}
{% macro event_table_profile_columns(label, facts, part) -%}
  {%- set rows = facts['profile'].get(label['label_id'], {}).get(part, []) -%}
  {%- if part == 'history' and rows | length == 0 -%}{{ return(none) }}{%- endif -%}
  {%- set keyed = [] -%}
  {%- for row in rows if row[0] is not none %}{% do keyed.append(row) %}{% endfor -%}
  {{ return(heap_connect.property_columns(keyed, heap_connect.event_table_reserved(), label['label_id'])) }}
{%- endmacro %}

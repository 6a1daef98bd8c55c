{#- The property columns (heap_connect.property_columns) of all events tagged with
    `label_id`, from int_label_property_profile when it profiled all history this sync (a
    first sync, --full-refresh: the label has its marker row), else none: the event table
    then infers them itself. -#}
{% macro label_history_columns(label_id, reserved) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return(none) }}{%- endif -%}
  {%- set profile = heap_connect.label_profile_rows(label_id, from_history=true) -%}
  {%- if profile | length == 0 -%}{{ return(none) }}{%- endif -%}
  {%- set rows = [] -%}
  {%- for row in profile if row[0] is not none %}{% do rows.append(row) %}{% endfor -%}
  {{ return(heap_connect.property_columns(rows, reserved)) }}
{%- endmacro %}

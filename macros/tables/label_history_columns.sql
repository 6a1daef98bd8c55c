{#- The property columns (heap_connect.property_columns) of all events tagged with
    `label_id`, from int_label_property_profile when it profiled all history this sync (a
    first sync, --full-refresh), else none: the event table then infers them itself. -#}
{% macro label_history_columns(label_id, reserved) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return(none) }}{%- endif -%}
  {%- set profile = run_query('select property_key, n_values, n_integer, n_number, n_boolean, n_timestamp from ' ~ ref('int_label_property_profile')
      ~ ' where from_history and label_id = ' ~ heap_connect.sql_string(label_id)) -%}
  {%- if profile.rows | length == 0 -%}{{ return(none) }}{%- endif -%}
  {%- set rows = [] -%}
  {%- for row in profile.rows if row[0] is not none %}{% do rows.append(row) %}{% endfor -%}
  {{ return(heap_connect.property_columns(rows, reserved)) }}
{%- endmacro %}

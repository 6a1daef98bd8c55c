{#- The property columns (heap_connect.property_columns) of the batch's events tagged with
    `label_id`, from int_label_property_profile. -#}
{% macro label_batch_columns(label_id, reserved) -%}
  {%- set profile = run_query('select property_key, n_values, n_integer, n_number, n_boolean, n_timestamp from ' ~ ref('int_label_property_profile')
      ~ ' where label_id = ' ~ heap_connect.sql_string(label_id)) -%}
  {{ return(heap_connect.property_columns(profile.rows, reserved)) }}
{%- endmacro %}

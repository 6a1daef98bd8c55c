{#- The property columns (heap_connect.property_columns) of the batch's events tagged with
    `label_id`, from int_label_property_profile (read once per node, heap_connect.node_cache:
    the profile is built before any event table). -#}
{% macro label_batch_columns(label_id, reserved) -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- set key = 'label_batch_columns ' ~ label_id ~ ' ' ~ reserved | join(',') -%}
  {%- if key not in cache -%}
    {%- set profile = run_query('select property_key, n_values, n_integer, n_number, n_boolean, n_timestamp from ' ~ ref('int_label_property_profile')
          ~ ' where not from_history and label_id = ' ~ heap_connect.sql_string(label_id)) -%}
    {%- do cache.update({key: heap_connect.property_columns(profile.rows, reserved)}) -%}
  {%- endif -%}
  {{ return(cache[key]) }}
{%- endmacro %}

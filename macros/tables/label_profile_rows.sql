{#- The rows (property_key, n_values, n_integer, n_number, n_boolean, n_timestamp) of
    int_label_property_profile for `label_id`: the batch's profile, or with `from_history`
    the all-history profile of a first sync or --full-refresh (its marker row, with no
    property_key, included). Read once per node (heap_connect.node_cache): the profile is
    built before any event table. -#}
{% macro label_profile_rows(label_id, from_history=false) -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- set key = 'label_profile_rows ' ~ label_id ~ ' ' ~ from_history -%}
  {%- if key not in cache -%}
    {%- set profile = run_query('select property_key, n_values, n_integer, n_number, n_boolean, n_timestamp from '
        ~ ref('int_label_property_profile') ~ ' where ' ~ ('' if from_history else 'not ')
        ~ 'from_history and label_id = ' ~ heap_connect.sql_string(label_id)) -%}
    {%- do cache.update({key: profile.rows}) -%}
  {%- endif -%}
  {{ return(cache[key]) }}
{%- endmacro %}

{#-
  The property columns `users` writes this sync, from the property updates it reads
  (heap_connect.users_property_entries; one profile query, kept in the node's cache):
  {'builtin': handle and email (text), 'custom': one column per other key by name,
  'read': the custom columns of the updates read, typed by them}. From all history
  (`from_batch` false) the types are a full build's. From the batch, every custom column the
  table has keeps its type (heap_connect.column_type_conflict rebuilds the table when the
  batch's values do not fit it) and a column the batch brings that the table lacks takes the
  batch users' type: they hold every value of it (no other user sent that key, or the table
  would have the column).
-#}
{% macro users_property_columns(from_batch) -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- set cache_key = 'users_property_columns ' ~ from_batch -%}
  {%- if cache_key in cache -%}{{ return(cache[cache_key]) }}{%- endif -%}
  {%- set builtin_names = ['handle', 'email'] -%}
  {%- set reserved = heap_connect.users_reserved() -%}
  {%- set inferred = heap_connect.infer_property_columns(heap_connect.users_property_entries(from_batch), reserved) -%}
  {%- set builtin = [] -%}
  {%- for name in builtin_names -%}
    {%- set keys = [] -%}
    {%- for column in inferred if column['name'] == name %}{% do keys.extend(column['keys']) %}{% endfor -%}
    {%- do builtin.append({'name': name, 'keys': keys, 'type': 'text'}) -%}
  {%- endfor -%}
  {%- set read = [] -%}
  {%- set by_name = {} -%}
  {%- for column in inferred if column['name'] not in builtin_names -%}
    {%- do read.append(column) -%}
    {%- do by_name.update({column['name']: column}) -%}
  {%- endfor -%}
  {%- if from_batch and execute -%}
    {#- column names compare in lower case: Snowflake describes unquoted names in upper case #}
    {%- for held in heap_connect.prior_columns()
        if held.name | lower not in reserved and held.name | lower not in builtin_names -%}
      {%- set seen = by_name.get(held.name | lower) -%}
      {%- do by_name.update({held.name | lower: {'name': held.name | lower,
          'keys': seen['keys'] if seen else [], 'type': heap_connect.logical_type(held)}}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set custom = [] -%}
  {%- for name in by_name | sort %}{% do custom.append(by_name[name]) %}{% endfor -%}
  {%- set columns = {'builtin': builtin, 'custom': custom, 'read': read} -%}
  {%- do cache.update({cache_key: columns}) -%}
  {{ return(columns) }}
{%- endmacro %}

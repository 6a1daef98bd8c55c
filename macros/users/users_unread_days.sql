{#-
  The days of loaded_at of int_identifies or int_user_properties (`source`) that hold rows
  some model with a user ledger (sync policy `user_ledger`: `users`, users_enhanced when the
  marts are on) has not taken in: the union of heap_connect.unread_arrival_days of each one's
  ledger (<model>_<source>), so int_user_batch hands their users to every model that takes
  it, also to one a sync that stopped midway never reached. The counts are taken once
  (heap_connect.users_arrivals). Sorted, none (rows with no loaded_at) last, as
  heap_connect.arrival_condition reads them.
-#}
{% macro users_unread_days(source) -%}
  {%- set arrivals = heap_connect.users_arrivals(source) -%}
  {%- set days = [] -%}
  {%- for node in graph.nodes.values() | sort(attribute='name')
      if node.resource_type == 'model' and node.config.materialized == 'incremental'
      and heap_connect.sync_policy(node)['user_ledger'] -%}
    {%- for day in heap_connect.unread_arrival_days(node.name ~ '_' ~ source, arrivals) if day not in days -%}
      {%- do days.append(day) -%}
    {%- endfor -%}
  {%- endfor -%}
  {{ return((days | reject('none') | sort | list) + ([none] if none in days else [])) }}
{%- endmacro %}

{#-
  The per-day counts (heap_connect.raw_arrivals by loaded_at) of int_identifies or
  int_user_properties (`source`: 'identifies' or 'user_properties') as this sync built it.
  A model that records the identifies and user properties it has taken in (sync policy
  `user_ledger`: `users`, users_enhanced) records them in the arrival ledger as
  <model>_<source> (its post-hooks, in its transaction), and int_user_batch takes into the
  next sync's batch the users of every day whose count differs from the one any of them
  recorded: the identifies and user properties one of them has not taken in yet, whatever
  their loaded_at, also after a sync that failed before it (heap_connect.users_unread_days).
  Counted on the deduplicated tables, which do not change while the sync runs, so every node
  counts the same rows. Kept in the node's cache (heap_connect.node_cache) as
  <model>_<source>, which heap_connect.record_raw_arrivals reads.
-#}
{% macro users_arrivals(source) -%}
  {{ return(heap_connect.raw_arrivals(ref('int_' ~ source), 'user_id', cache_key=model.name ~ '_' ~ source)) }}
{%- endmacro %}

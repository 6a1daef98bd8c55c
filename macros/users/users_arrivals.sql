{#-
  The per-day counts (heap_connect.raw_arrivals by loaded_at) of int_identifies or
  int_user_properties (`source`: 'identifies' or 'user_properties') as this sync built it.
  `users` records them in the arrival ledger as users_<source> (its post-hooks, in its
  transaction), and int_user_batch takes into the next sync's batch the users of every day
  whose count differs from the one recorded: the identifies and user properties `users` has
  not taken in yet, whatever their loaded_at, also after a sync that failed before `users`.
  Counted on the deduplicated tables, which do not change while the sync runs, so both nodes
  count the same rows. Kept in the node's cache (heap_connect.node_cache) as users_<source>,
  which heap_connect.record_raw_arrivals reads.
-#}
{% macro users_arrivals(source) -%}
  {{ return(heap_connect.raw_arrivals(ref('int_' ~ source), 'user_id', cache_key='users_' ~ source)) }}
{%- endmacro %}

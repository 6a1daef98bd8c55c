{#- The user ids whose migration changed since the last complete sync: migrated now
    (int_user_map) but not then (_heap_user_map_synced), no longer migrated, or moved to
    another user. Their rows are rewritten with their new user id. `user_map`: int_user_map's
    relation where ref() is not at hand (a run-operation). -#}
{% macro changed_user_ids(user_map=none) -%}
  select coalesce(now_map.from_user_id, then_map.from_user_id) as user_id
  from {{ user_map or ref('int_user_map') }} as now_map
  full outer join {{ heap_connect.internal_relation('_heap_user_map_synced') }} as then_map
    on then_map.from_user_id = now_map.from_user_id
  where now_map.from_user_id is null
    or then_map.from_user_id is null
    or now_map.to_user_id <> then_map.to_user_id
{%- endmacro %}

{#- Replaces _heap_user_map_synced with the user map every incremental table now carries:
    run after a sync in which every incremental model succeeded (heap_connect.on_sync_end). -#}
{% macro snapshot_user_map() -%}
  {%- set snapshot = heap_connect.internal_relation('_heap_user_map_synced') -%}
  {%- set user_map = api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.internal_schema(), identifier='int_user_map') -%}
  {%- do run_query(heap_connect.delete_where(snapshot, '1 = 1')) -%}
  {%- do run_query('insert into ' ~ snapshot ~ ' (from_user_id, to_user_id) select from_user_id, to_user_id from ' ~ user_map) -%}
{%- endmacro %}

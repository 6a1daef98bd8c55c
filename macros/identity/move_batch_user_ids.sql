{#- Pre-hook of an incremental output table keyed by `key` (event_id: pageviews; session_id:
    sessions, whose rows read `source`, int_sessions), after heap_connect.delete_batch_rows:
    moves the rows of the batch's events that only changed user to their new user id in
    place (heap_connect.batch_user_moves); the model then inserts only the rows it rewrites
    (int_event_batch's `rows_rewritten`). Nothing when the batch moves no row. -#}
{% macro move_batch_user_ids(key='event_id', source='int_event_batch') -%}
  {%- if execute and is_incremental() and heap_connect.batch_counts()['moved'] > 0 -%}
  {{ heap_connect.move_user_ids(this, key, heap_connect.batch_user_moves(key, source)) }}
  {%- endif -%}
{%- endmacro %}

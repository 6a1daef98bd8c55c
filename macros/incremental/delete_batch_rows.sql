{#- Pre-hook of an incremental table keyed by `key` (event_id or session_id): when the
    model takes only the batch, deletes the rows of the batch's events or sessions, which it
    then inserts again as they are now (an event whose labels changed is not inserted again).
    An archived event's table is left as it is. -#}
{% macro delete_batch_rows(key='event_id', only_data_changed=false) -%}
  {%- if is_incremental() and heap_connect.model_state_hash() != heap_connect.heap_connect_sync_contract()['state_archived'] -%}
  {{ heap_connect.delete_where_in(this, key,
      'select ' ~ key ~ ' from ' ~ ref('int_event_batch') ~ (' where data_changed' if only_data_changed else '')) }}
  {%- endif -%}
{%- endmacro %}

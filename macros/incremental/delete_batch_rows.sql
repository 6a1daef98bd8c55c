{#- Pre-hook of an incremental table keyed by `key` (event_id, session_id, user_id): when the
    model takes only the batch (`batch`: int_event_batch, or int_user_batch for users),
    deletes the rows of the batch's events, sessions or users, which it then inserts again
    as they are now (an event whose labels changed is not inserted again). -#}
{% macro delete_batch_rows(key='event_id', only_data_changed=false, batch='int_event_batch') -%}
  {%- if is_incremental() -%}
  {{ heap_connect.delete_where_in(this, key,
      'select ' ~ key ~ ' from ' ~ ref(batch) ~ (' where data_changed' if only_data_changed else '')) }}
  {%- endif -%}
{%- endmacro %}

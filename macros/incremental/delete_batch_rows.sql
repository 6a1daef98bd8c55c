{#- Pre-hook of an incremental table keyed by `key` (event_id, session_id, user_id): when the
    model takes only the batch (`batch`: int_event_batch, or int_user_batch for users),
    deletes the rows of the batch's events, sessions or users, which it then inserts again
    as they are now (an event whose labels changed is not inserted again). `batch_keys`: the
    batch's columns whose values are deleted (default: `key`); a session table also deletes
    the sessions the batch's events left (`previous_session_id`, int_events). `where`: a
    condition on the batch's rows (int_event_batch's `data_changed`, `rows_rewritten`). A partitioned
    table (Spark, heap_connect.batch_partition_config) loses them partition by partition. -#}
{% macro delete_batch_rows(key='event_id', where=none, batch='int_event_batch', batch_keys=none) -%}
  {%- if is_incremental() -%}
  {%- set queries = [] -%}
  {%- for column in batch_keys or [key] -%}
    {%- do queries.append('select ' ~ column ~ ' as ' ~ key ~ ' from ' ~ ref(batch)
        ~ ' where ' ~ column ~ ' is not null' ~ (' and ' ~ where if where else '')) -%}
  {%- endfor -%}
  {{ heap_connect.delete_where_in(this, key, queries | join(' union all '), config.get('partition_by')) }}
  {%- endif -%}
{%- endmacro %}

{#-
  on-run-start of a sync (dbt build / run): stops a sync with more threads than the target's
  writes allow (heap_connect.check_sync_threads), creates the bookkeeping tables if needed, marks
  a sync still `running` from an earlier process that never finished (killed) as failed, and
  records this sync as `running`, with next_scheduled_sync_at from sync.frequency_hours
  (heap_connect.sync_history_insert), forgets the project the last sync built (a sync that does not
  finish leaves none for heap_connect.sync_nothing_new to match); then applies the pending
  user deletions (heap_connect.apply_user_deletions).
-#}
{% macro on_sync_start() -%}
  {%- if heap_connect.is_sync_invocation() -%}
    {%- do heap_connect.check_sync_threads() -%}
    {%- do heap_connect.ensure_sync_tables() -%}
    {%- do run_query(heap_connect.set_sync_status(
        'failed', run_started_at, 'interrupted: the sync ended before it could record its outcome')) -%}
    {%- do run_query(heap_connect.sync_history_insert('running', none)) -%}
    {%- do run_query(heap_connect.delete_where(heap_connect.internal_relation('_heap_synced_project'), '1 = 1')) -%}
    {%- do heap_connect.apply_user_deletions() -%}
  {%- endif -%}
{%- endmacro %}

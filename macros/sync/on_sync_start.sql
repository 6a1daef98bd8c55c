{#-
  on-run-start of a sync (dbt build / run): creates the bookkeeping tables if needed, marks
  a sync still `running` from an earlier process that never finished (killed) as failed, and
  records this sync as `running`, with next_scheduled_sync_at from sync.frequency_hours;
  then applies the pending user deletions (heap_connect.apply_user_deletions).
-#}
{% macro on_sync_start() -%}
  {%- if heap_connect.is_sync_invocation() -%}
    {%- do heap_connect.ensure_sync_tables() -%}
    {%- do run_query(heap_connect.set_sync_status(
        'failed', run_started_at, 'interrupted: the sync ended before it could record its outcome')) -%}
    {%- set hours = heap_connect.heap_connect_settings()['sync_frequency_hours'] -%}
    {%- set next_sync = run_started_at + modules.datetime.timedelta(hours=hours) -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_sync_history')
        ~ ' (status, start_time, finish_time, error, next_scheduled_sync_at) values ('
        ~ "'running', " ~ heap_connect.timestamp_literal(run_started_at)
        ~ ', null, null, ' ~ heap_connect.timestamp_literal(next_sync) ~ ')') -%}
    {%- do heap_connect.apply_user_deletions() -%}
  {%- endif -%}
{%- endmacro %}

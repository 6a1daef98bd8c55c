{#- The statement that adds this invocation's row to _sync_history: `status` (running, or
    succeeded for a sync that found nothing new), started at run_started_at, finished at
    `finished` (none while running), next_scheduled_sync_at sync.frequency_hours later. -#}
{% macro sync_history_insert(status, finished) -%}
  {%- set hours = heap_connect.heap_connect_settings()['sync_frequency_hours'] -%}
  {%- set next_sync = run_started_at + modules.datetime.timedelta(hours=hours) -%}
  {{ return('insert into ' ~ heap_connect.sync_relation('_sync_history')
      ~ ' (status, start_time, finish_time, error, next_scheduled_sync_at) values ('
      ~ heap_connect.sql_string(status) ~ ', ' ~ heap_connect.timestamp_literal(run_started_at)
      ~ ', ' ~ (heap_connect.timestamp_literal(finished) if finished else 'null')
      ~ ', null, ' ~ heap_connect.timestamp_literal(next_sync) ~ ')') }}
{%- endmacro %}

{#- How many of this sync's batch's events (int_event_batch) the incremental tables take
    again, asked once per dbt invocation: {'data_changed': events whose data changed (new
    ones and those of sessions that changed), 'rewritten': events whose rows the output
    tables delete and insert again (`rows_rewritten`), 'moved': events whose rows they only
    move to another user (heap_connect.move_user_ids)}. Asked only after int_event_batch is
    built, by the models downstream of it. -#}
{% macro batch_counts() -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- if 'batch_counts' not in cache -%}
    {%- set row = run_query('select count(case when data_changed then 1 end), count(case when rows_rewritten then 1 end), '
        ~ 'count(case when not rows_rewritten then 1 end) from ' ~ ref('int_event_batch')).rows[0] -%}
    {%- do cache.update({'batch_counts': {'data_changed': row[0] | int, 'rewritten': row[1] | int, 'moved': row[2] | int}}) -%}
  {%- endif -%}
  {{ return(cache['batch_counts']) }}
{%- endmacro %}

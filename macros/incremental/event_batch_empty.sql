{#- True when int_event_batch would hold no event for the batch start `since`: int_events
    (`events`) holds no event synced after it, so no session was touched, and no user's
    migration changed (heap_connect.changed_user_ids). An edit with nothing new to read then
    writes its empty batch without reading every event (10M events: ~0.5 s). -#}
{% macro event_batch_empty(events, since) -%}
  {%- set check -%}
    select
        (select count(*) from {{ events }} where synced_at > {{ heap_connect.timestamp_literal(since) }}) as new_events,
        (select count(*) from ({{ heap_connect.changed_user_ids() }}) as changed) as changed_users
  {%- endset -%}
  {%- set row = run_query(check).rows[0] -%}
  {{ return(row[0] | int == 0 and row[1] | int == 0) }}
{%- endmacro %}

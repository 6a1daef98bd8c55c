{#- What int_events (`events`) holds beyond the batch start `since`, in one query:
    {newest: its newest synced_at (none when it holds no event), newer: how many of its events
    were synced after `since`, changed_users: how many users' migration changed
    (heap_connect.changed_user_ids over `user_map`)}. heap_connect.nothing_to_read asks it
    whether anything is new since the last sync; int_event_batch whether its batch is empty
    (no event newer, so no session touched, and no migration changed: it is then written
    without reading every event; 10M events: ~0.5 s). -#}
{% macro event_batch_facts(events, user_map, since) -%}
  {%- set check -%}
    select
        (select max(synced_at) from {{ events }}) as newest,
        (select count(*) from {{ events }} where synced_at > {{ heap_connect.timestamp_literal(since) }}) as newer,
        (select count(*) from ({{ heap_connect.changed_user_ids(user_map) }}) as changed) as changed_users
  {%- endset -%}
  {%- set row = run_query(check).rows[0] -%}
  {{ return({'newest': row[0], 'newer': row[1] | int, 'changed_users': row[2] | int}) }}
{%- endmacro %}

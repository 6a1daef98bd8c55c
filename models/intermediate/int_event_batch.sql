-- The events this sync (re)writes in the incremental tables: those int_events took in
-- after the batch start (heap_connect.batch_start), every event of a session they belong to (its session
-- fields, session_time and labels can change) or left (`left_session_id`: the session an
-- event this sync rewrote had before, int_events), and every event of a user whose migration
-- changed. `data_changed` is false for the events that are here only for their user id.
-- `rows_rewritten`: the output tables delete and insert the event's rows again; false for
-- those that only changed user, whose rows they update in place where the warehouse can
-- (heap_connect.updates_in_place, heap_connect.move_user_ids).
-- It carries every column of int_events, so the tables that take the batch read the batch's
-- events from here (one scan of int_events per sync, not one per event table).
-- Empty on a first sync (every table is then built from all history), and written empty
-- without reading int_events when no event is new and no migration changed
-- (heap_connect.event_batch_facts).
-- A sync's batch table (meta heap_sync_batch): every build that builds anything builds it
-- again, so that no model reads an earlier sync's batch (heapgen.reach).
{{ config(meta={'heap_sync_batch': true}) }}
{%- set since = heap_connect.batch_start() %}
{%- set is_new = 'events.synced_at > ' ~ heap_connect.timestamp_literal(since) if since is not none else '1 = 0' %}
{%- set facts = heap_connect.event_batch_facts(ref('int_events'), ref('int_user_map'), since) if since is not none else none %}
{%- set empty = facts is none or (facts['newer'] == 0 and facts['changed_users'] == 0) %}
with touched_sessions as (
    select events.session_id
    from {{ ref('int_events') }} as events
    where {{ is_new }}
        and events.session_id is not null
    union all
    select events.previous_session_id as session_id
    from {{ ref('int_events') }} as events
    where {{ is_new }}
        and events.previous_session_id is not null
),

changed_users as (
    {{ heap_connect.changed_user_ids() }}
)

select
    batch.*,
    {{ 'batch.data_changed' if heap_connect.updates_in_place() else 'true' }} as rows_rewritten
from (
    select
        events.*,
        case when {{ is_new }} then events.previous_session_id end as left_session_id,
        case
            when {{ is_new }} then true
            when events.session_id in (select session_id from touched_sessions) then true
            else false
        end as data_changed
    from {{ ref('int_events') }} as events
    {%- if empty %}
    where 1 = 0
    {%- else %}
    where {{ is_new }}
        or events.session_id in (select session_id from touched_sessions)
        or events.user_id in (select user_id from changed_users)
    {%- endif %}
) as batch

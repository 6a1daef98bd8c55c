-- Every event exactly once. A row delivered more than once (at-least-once delivery)
-- keeps the copy that landed first (earliest loaded_at, then time). Each sync reads the
-- raw rows of the days of loaded_at that changed since the last sync (the arrival ledger,
-- docs/decisions/0017-arrival-ledger.md), whatever loaded_at they carry: a row loaded late
-- with an old loaded_at, or early with one far in the future, is read by the next sync,
-- and a day nobody wrote to is not read again. Of those rows it inserts the events it does
-- not hold yet, and replaces an event it holds when a copy loaded earlier arrives later;
-- every row it inserts is stamped with the sync's start (`synced_at`), from which the
-- tables downstream take their batch. Raw events without an event_id cannot be synced: the
-- sync fails, naming how many. A client-side event without a session id joins a session of
-- 30 minutes' inactivity (heap_connect.apply_inactivity_sessions, decision 0027);
-- `previous_session_id` is the session a row (re)written by this sync had before, which
-- int_event_batch recomputes too. Where the warehouse takes no DELETE (Spark) it is partitioned
-- by the day of `time` (heap_connect.batch_partition_config), and a sync overwrites the days
-- its rows fall in.
{{ config(
    materialized='incremental',
    incremental_strategy=heap_connect.upsert_strategy(),
    unique_key='event_id',
    meta={
        'heap_batch': {'key': 'event_id', 'from': 'int_events', 'written': 'synced_at'},
        'heap_state': {'reads': 'raw'},
    },
    post_hook=[
        "{{ heap_connect.apply_inactivity_sessions(this, run_started_at) }}",
        "{{ heap_connect.record_raw_arrivals('events', 'delete') }}",
        "{{ heap_connect.record_raw_arrivals('events', 'insert') }}",
    ],
    **heap_connect.batch_partition_config('event_day'),
) }}
{{ heap_connect.build_comment() }}
{%- set order_by = 'loaded_at, ' ~ heap_connect.quote_column('time') %}
{%- set arrivals = heap_connect.raw_arrivals(ref('stg_events'), 'event_id', cache_key='events') %}
{%- set missing_ids = arrivals | sum(attribute='missing_ids') %}
{%- if missing_ids > 0 %}
  {{- exceptions.raise_compiler_error(missing_ids ~ ' raw event row(s) in ' ~ heap_connect.heap_raw_relation('events')
      ~ ' have no event_id and cannot be synced: give them an id or delete them') }}
{%- endif %}
{%- if is_incremental() %}
with arrived as (
    {{ heap_connect.deduplicate(ref('stg_events'), 'event_id', order_by,
        where=heap_connect.arrival_condition(heap_connect.unread_arrival_days('events', arrivals))) }}
),

held as (
    select event_id, loaded_at, {{ heap_connect.quote_column('time') }} as held_time, session_id as held_session_id
    from {{ this }}
    where event_id in (select event_id from arrived)
)

select
    arrived.*,
    {{ heap_connect.has_no_session('arrived') }} as session_by_inactivity,
    held.held_session_id as previous_session_id,
    {{ heap_connect.timestamp_literal(run_started_at) }} as synced_at
    {{- heap_connect.batch_partition_columns('event_day', 'arrived') }}
from arrived
left join held on held.event_id = arrived.event_id
where held.event_id is null
    or arrived.loaded_at < held.loaded_at
    or (arrived.loaded_at = held.loaded_at and arrived.{{ heap_connect.quote_column('time') }} < held.held_time)
{%- else %}
select
    deduplicated.*,
    {{ heap_connect.has_no_session('deduplicated') }} as session_by_inactivity,
    cast(null as {{ dbt.type_bigint() }}) as previous_session_id,
    {{ heap_connect.timestamp_literal(run_started_at) }} as synced_at
    {{- heap_connect.batch_partition_columns('event_day', 'deduplicated') }}
from (
    {{ heap_connect.deduplicate(ref('stg_events'), 'event_id', order_by) }}
) as deduplicated
{%- endif %}

-- One row per session: its `session` event, or, for a source without session events,
-- its first event (by time, then event_id), whose fields it takes. Server-side events
-- (no session_id) have no session. A sync recomputes the sessions its batch's new events
-- belong to, and deletes those its events left (a session whose events all moved to
-- another one, heap_connect.apply_inactivity_sessions). Where the warehouse takes no DELETE (Spark) it is
-- partitioned by the day of the session's `time` (heap_connect.batch_partition_config), and a
-- sync overwrites the days its sessions are in, or were in.
{{ config(
    materialized='incremental',
    unique_key='session_id',
    incremental_strategy=heap_connect.upsert_strategy(),
    pre_hook="{{ heap_connect.delete_batch_rows('session_id', batch_keys=['left_session_id']) }}",
    meta={'heap_batch': {'key': 'session_id', 'from': 'int_event_batch', 'where': 'data_changed'}},
    **heap_connect.batch_partition_config('event_day'),
) }}
-- depends_on: {{ ref('int_event_batch') }}
{{ heap_connect.build_comment() }}
{%- set fields = heap_connect.session_field_names() %}
with firsts as (
    -- the winning event of each session, ranked over narrow rows; its fields are read below
    select event_id
    from (
        select
            event_id,
            row_number() over (
                partition by session_id
                order by
                    case when {{ heap_connect.quote_column('type') }} = 'session' then 0 else 1 end,
                    {{ heap_connect.quote_column('time') }},
                    event_id
            ) as session_rank
        from {{ ref('int_events') }} as events
        where session_id is not null
        {%- if is_incremental() %}
            and session_id in (select session_id from {{ ref('int_event_batch') }} where data_changed)
        {%- endif %}
    ) as ranked
    where session_rank = 1
)

select
    event_id,
    user_id,
    session_id,
    {{ heap_connect.quote_column('time') }},
    library,
    {%- for field in fields %}
    {{ heap_connect.quote_column(field) }}{% if not loop.last %},{% endif %}
    {%- endfor %}
    {{- heap_connect.batch_partition_columns('event_day', 'events') }}
from {{ ref('int_events') }} as events
where event_id in (select event_id from firsts)

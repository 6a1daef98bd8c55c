-- sessions: one row per session, with the seed's columns in the seed's order.
-- Server-side events have no session and no row here. A sync rewrites the sessions of its
-- batch (new events, sessions that changed or that events left); the sessions of users whose
-- migration changed are moved to their new user id in place (heap_connect.move_batch_user_ids).
{{ config(
    alias='sessions',
    materialized='incremental',
    incremental_strategy=heap_connect.append_strategy(),
    pre_hook=[
        "{{ heap_connect.delete_batch_rows('session_id', where='rows_rewritten', batch_keys=['session_id', 'left_session_id']) }}",
        "{{ heap_connect.move_batch_user_ids('session_id', 'int_sessions') }}",
    ],
    meta={
        'heap_batch': {'key': 'session_id', 'from': 'int_event_batch'},
        'heap_state': {'from': ['event_properties']},
    },
    **heap_connect.physical_design('event'),
) }}
-- depends_on: {{ ref('int_event_batch') }}
{{ heap_connect.build_comment() }}
select
    {{- heap_connect.spec_select('sessions', 'sessions', {'user_id': heap_connect.resolved_user_id('sessions.user_id')}) }}
    {{- heap_connect.defined_property_select('event', none, 'sessions') }}
from {{ ref('int_sessions') }} as sessions
{{ heap_connect.user_map_join('sessions.user_id') }}
{%- if is_incremental() %}
where sessions.session_id in (select session_id from {{ ref('int_event_batch') }} where rows_rewritten)
{%- endif %}

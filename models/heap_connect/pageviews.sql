-- pageviews: every web `view page` and iOS / Android `view screen` event, with the
-- session-level fields of its session and session_time. A sync rewrites the pageviews of
-- its batch (new events, sessions that changed); the pageviews of users whose migration
-- changed are moved to their new user id in place (heap_connect.move_batch_user_ids).
{{ config(
    alias='pageviews',
    materialized='incremental',
    incremental_strategy=heap_connect.append_strategy(),
    pre_hook=[
        "{{ heap_connect.delete_batch_rows('event_id', where='rows_rewritten') }}",
        "{{ heap_connect.move_batch_user_ids('event_id') }}",
    ],
    meta={
        'heap_batch': {'key': 'event_id', 'from': 'int_event_batch'},
        'heap_state': {'from': ['event_properties']},
    },
    **heap_connect.physical_design('event'),
) }}
-- depends_on: {{ ref('int_event_batch') }}
{{ heap_connect.build_comment() }}
select
    {{- heap_connect.event_columns_select(heap_connect.spec_columns('pageviews'), 'e', 's') }}
    {{- heap_connect.defined_property_select('event', 'e', 's') }}
from {{ ref('int_events') }} as e
{%- if is_incremental() %}
inner join {{ ref('int_event_batch') }} as batch
    on batch.event_id = e.event_id
    and batch.rows_rewritten
{%- endif %}
left join {{ ref('int_sessions') }} as s
    on s.session_id = e.session_id
{{ heap_connect.user_map_join('e.user_id') }}
where {{ heap_connect.is_pageview('e') }}

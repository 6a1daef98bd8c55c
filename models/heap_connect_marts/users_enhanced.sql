-- users_enhanced (an opt-in mart: var heap_connect__marts, docs/marts.md): every column of
-- `users`, then the user's initial (first-touch) properties, from its first session
-- (sessions_enhanced's session_index 1: its referrer, landing page, UTM fields, marketing
-- channel when a defined property makes one, browser, device type, platform and place), its
-- sessions and pageviews, and the times of its first and last event. One row per user of
-- `users`: a user merged into another is part of the one it belongs to now; a deleted
-- user's row goes at the start of the sync, as from every output table
-- (heap_connect.apply_user_deletions).
-- A sync rewrites the users of its batch (int_user_batch), each from all of its sessions and
-- events, as `users` does; the identifies and user properties it has taken in are recorded
-- in the arrival ledger as its own (sources users_enhanced_*), so a sync that stops after
-- `users` and before it still hands it those users. Rebuilt from all history when its state
-- changes (a defined property of either scope, its logic) or when the columns of `users` are
-- no longer those it copies (a new property column, a type widened: heap_connect.rebuild_reason).
{{ config(
    enabled=heap_connect.marts_enabled(),
    alias='users_enhanced',
    materialized='incremental',
    incremental_strategy=heap_connect.append_strategy(),
    pre_hook="{{ heap_connect.delete_batch_rows('user_id', batch='int_user_batch') }}",
    post_hook=heap_connect.user_ledger_hooks('users_enhanced'),
    meta={
        'heap_batch': {'key': 'user_id', 'from': 'int_user_batch'},
        'heap_state': {'from': ['event_properties', 'user_properties'], 'copies': 'users', 'user_ledger': true},
    },
    **heap_connect.physical_design('user'),
) }}
-- depends_on: {{ ref('int_user_batch') }}, {{ ref('int_user_map') }}, {{ ref('int_identifies') }}, {{ ref('int_user_properties') }}
-- depends_on: {{ ref('users') }}, {{ ref('sessions_enhanced') }}, {{ ref('int_events') }}
{{ heap_connect.build_comment() }}
{%- do heap_connect.users_arrivals('identifies') %}
{%- do heap_connect.users_arrivals('user_properties') %}
{%- set from_batch = is_incremental() %}
{%- set time = heap_connect.quote_column('time') %}
{#- initial_<x>: the first session's column <x> #}
{%- set initial = [] %}
{%- for column in heap_connect.mart_columns('users_enhanced')['columns'] if column['name'].startswith('initial_') %}
  {%- do initial.append(column['name']) %}
{%- endfor %}
with first_sessions as (
    select
        user_id
        {%- for name in initial %},
        {{ heap_connect.quote_column(name[('initial_' | length):]) }} as {{ heap_connect.quote_column(name) }}
        {%- endfor %}
    from {{ ref('sessions_enhanced') }}
    where session_index = 1
    {%- if from_batch %}
        and user_id in (select user_id from {{ ref('int_user_batch') }})
    {%- endif %}
),

session_counts as (
    select user_id, count(*) as session_count
    from {{ ref('sessions_enhanced') }}
    {%- if from_batch %}
    where user_id in (select user_id from {{ ref('int_user_batch') }})
    {%- endif %}
    group by user_id
),

activity as (
    select
        {{ heap_connect.resolved_user_id('e.user_id') }} as user_id,
        min(e.{{ time }}) as first_seen_at,
        max(e.{{ time }}) as last_seen_at,
        sum(case when {{ heap_connect.is_pageview('e') }} then 1 else 0 end) as pageview_count
    from {{ ref('int_events') }} as e
    {{ heap_connect.user_map_join('e.user_id') }}
    where {{ heap_connect.users_batch_filter('e.user_id', from_batch) }}
    group by {{ heap_connect.resolved_user_id('e.user_id') }}
),

added as (
    select
        users.user_id,
        {%- for name in initial %}
        first_sessions.{{ heap_connect.quote_column(name) }},
        {%- endfor %}
        coalesce(session_counts.session_count, 0) as session_count,
        coalesce(activity.pageview_count, 0) as pageview_count,
        activity.first_seen_at,
        activity.last_seen_at
    from {{ ref('users') }} as users
    left join first_sessions on first_sessions.user_id = users.user_id
    left join session_counts on session_counts.user_id = users.user_id
    left join activity on activity.user_id = users.user_id
    {%- if from_batch %}
    where users.user_id in (select user_id from {{ ref('int_user_batch') }})
    {%- endif %}
)

select
    {{- heap_connect.mart_select('users', 'added') }}
from {{ ref('users') }} as users
inner join added on added.user_id = users.user_id

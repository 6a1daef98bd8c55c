-- sessions_enhanced (an opt-in mart: var heap_connect__marts, docs/marts.md): every column of
-- `sessions`, then what a session's own row does not say: when it ended (its last event),
-- how long it lasted, its events and pageviews, its exit page, its place among its user's
-- sessions, the medium and source of its referrer (the seed heap_connect__referrer_domains)
-- and the click ids of its landing page's query string.
-- A session's index depends on every session of its user, so a sync rewrites every session
-- of each user of its batch (int_user_batch: users of new events and of the sessions they
-- touch, users whose migration changed, both the user they belong to now and the one they
-- belonged to), and deletes the sessions the batch's events left (`left_session_id`, as
-- `sessions` does: one a late event emptied). Not the other sessions of int_event_batch: one
-- there only for a migrated user's events keeps its row when its own user is not in the batch
-- (a session whose events carry several user ids). Rebuilt from all history
-- when its state changes (an event-scope defined property, its logic or the seed) or when
-- the columns of `sessions` are no longer those it copies (heap_connect.rebuild_reason).
{{ config(
    enabled=heap_connect.marts_enabled(),
    alias='sessions_enhanced',
    materialized='incremental',
    incremental_strategy=heap_connect.append_strategy(),
    pre_hook=[
        "{{ heap_connect.delete_batch_rows('user_id', batch='int_user_batch') }}",
        "{{ heap_connect.delete_batch_rows('session_id', batch_keys=['left_session_id']) }}",
    ],
    meta={
        'heap_batch': {'key': 'user_id', 'from': 'int_user_batch'},
        'heap_state': {'from': ['event_properties'], 'copies': 'sessions'},
    },
    **heap_connect.physical_design('event'),
) }}
-- depends_on: {{ ref('int_user_batch') }}, {{ ref('int_event_batch') }}, {{ ref('sessions') }}
{{ heap_connect.build_comment() }}
{%- set time = heap_connect.quote_column('time') %}
with batch_sessions as (
    select session_id, user_id, {{ time }}, referrer, landing_page, landing_page_query
    from {{ ref('sessions') }}
    {%- if is_incremental() %}
    where user_id in (select user_id from {{ ref('int_user_batch') }})
    {%- endif %}
),

session_events as (
    select
        events.session_id,
        events.event_id,
        events.{{ time }},
        events.{{ heap_connect.quote_column('type') }} as event_type,
        case when {{ heap_connect.is_pageview('events') }} then 1 else 0 end as is_pageview,
        case
            when events.library = 'web'
                then nullif({{ dbt.concat(["coalesce(events.domain, '')", "coalesce(events.path, '')"]) }}, '')
            else events.view_controller
        end as page
    from {{ ref('int_events') }} as events
    where events.session_id is not null
    {%- if is_incremental() %}
        and events.session_id in (select session_id from batch_sessions)
    {%- endif %}
),

activity as (
    select
        session_id,
        max({{ time }}) as end_time,
        sum(case when event_type = 'session' then 0 else 1 end) as event_count,
        sum(is_pageview) as pageview_count
    from session_events
    group by session_id
),

exits as (
    select session_id, page as exit_page
    from (
        select
            session_id,
            page,
            row_number() over (partition by session_id order by {{ time }} desc, event_id desc) as exit_rank
        from session_events
        where is_pageview = 1
    ) as ranked
    where exit_rank = 1
),

hosts as (
    select
        session_id,
        {{ heap_connect.url_host('referrer') }} as referrer_host,
        {{ heap_connect.url_host('landing_page') }} as landing_host
    from batch_sessions
),

-- the longest listed domain that is the referrer's host or a parent of it
-- (www.google.co.uk: google.co.uk; mail.google.com: itself before google.com)
known_referrers as (
    select session_id, medium, source
    from (
        select
            hosts.session_id,
            domains.medium,
            domains.source,
            row_number() over (
                partition by hosts.session_id
                order by {{ dbt.length('domains.domain') }} desc
            ) as match_rank
        from hosts
        inner join {{ ref('heap_connect__referrer_domains') }} as domains
            on hosts.referrer_host = lower(domains.domain)
            or {{ dbt.right('hosts.referrer_host', dbt.length('domains.domain') ~ ' + 1') }}
                = {{ dbt.concat(["'.'", 'lower(domains.domain)']) }}
    ) as ranked
    where match_rank = 1
),

added as (
    select
        s.session_id,
        activity.end_time,
        {{ heap_connect.seconds_between('s.' ~ time, 'activity.end_time') }} as duration_seconds,
        coalesce(activity.event_count, 0) as event_count,
        coalesce(activity.pageview_count, 0) as pageview_count,
        exits.exit_page,
        row_number() over (partition by s.user_id order by s.{{ time }}, s.session_id) as session_index,
        case
            when hosts.referrer_host is null then null
            when hosts.referrer_host = hosts.landing_host then 'internal'
            when known.medium is not null then known.medium
            else 'referral'
        end as referrer_medium,
        case
            when hosts.referrer_host = hosts.landing_host then hosts.referrer_host
            else coalesce(known.source, hosts.referrer_host)
        end as referrer_source,
        {{ heap_connect.url_query_parameter('s.landing_page_query', 'gclid') }} as gclid,
        {{ heap_connect.url_query_parameter('s.landing_page_query', 'fbclid') }} as fbclid
    from batch_sessions as s
    left join activity on activity.session_id = s.session_id
    left join exits on exits.session_id = s.session_id
    left join hosts on hosts.session_id = s.session_id
    left join known_referrers as known on known.session_id = s.session_id
)

select
    {{- heap_connect.mart_select('sessions', 'added') }}
from {{ ref('sessions') }} as sessions
inner join added on added.session_id = sessions.session_id

-- Segment / RudderStack calls as raw Heap events (the columns of every source's stg_events;
-- docs/sources/segment.md has the mapping field by field): pages -> view page, screens -> view
-- screen, tracks -> custom events named as sent (`event_text`) with the properties of their
-- per-event table. No autocaptured DOM: no hierarchy, href or target text. The user is the
-- anonymous id (else the user id: server-side calls); the session is the SDK's session id
-- where the kind has one (RudderStack's, unique per anonymous id), else none: client events
-- then get sessions of 30 minutes' inactivity downstream (decision 0027). String ids become
-- BIGINT ids (heap_connect.string_id).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() in ('segment', 'rudderstack')) }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set string = dbt.type_string() %}
with events as (
    select
        calls.*,
        case
            when context_library_name in ({% for name in settings['web_libraries'] %}{{ heap_connect.sql_string(name) }}{{ ', ' if not loop.last }}{% endfor %}) then 'web'
            when context_os_name in ('iOS', 'iPadOS') then 'iOS'
            when context_os_name = 'Android' then 'android'
            else 'server'
        end as library,
        coalesce(anonymous_id, user_id) as user_key,
        {{ heap_connect.regexp_substr('context_page_url', "'#.*'") }} as url_hash,
        {{ dbt.split_part(dbt.split_part('context_page_url', "'://'", 2), "'/'", 1) }} as url_host
    from {{ ref('base_segment__events') }} as calls
    where coalesce(anonymous_id, user_id) is not null
)

select
    {{ heap_connect.string_id('id') }} as event_id,
    {{ heap_connect.string_id('user_key') }} as user_id,
    case when library <> 'server' and session is not null then {{ heap_connect.string_id("user_key || '/' || session") }} end as session_id,
    {{ heap_connect.quote_column('time') }},
    loaded_at,
    library,
    cast(case call
        when 'page' then 'view page'
        when 'screen' then 'view screen'
        else event_text
    end as {{ string }}) as {{ heap_connect.quote_column('type') }},
    call = 'track' as is_custom,
    -- the web SDKs may send an empty OS, an empty search and an empty referrer: none
    nullif(context_os_name, '') || coalesce(' ' || nullif(context_os_version, ''), '') as platform,
    cast(null as {{ string }}) as device_type,
    context_location_country as country,
    context_location_region as region,
    context_location_city as city,
    context_ip as ip,
    cast(null as {{ string }}) as browser,
    nullif(context_page_referrer, '') as referrer,
    case when library = 'web' then nullif(url_host, '') || context_page_path end as landing_page,
    case when library = 'web' then nullif(context_page_search, '') end as landing_page_query,
    case when library = 'web' then url_hash end as landing_page_hash,
    cast(null as {{ string }}) as search_keyword,
    context_campaign_source as utm_source,
    context_campaign_name as utm_campaign,
    context_campaign_medium as utm_medium,
    context_campaign_term as utm_term,
    context_campaign_content as utm_content,
    -- Heap's iOS columns and its Android ones (heap_*) hold the same facts
    case when library = 'iOS' then context_device_model end as device,
    case when library = 'iOS' then context_network_carrier end as carrier,
    case when library = 'iOS' then context_app_name end as app_name,
    case when library = 'iOS' then context_app_version end as app_version,
    case when library = 'android' then context_device_id end as heap_device_id,
    case when library = 'android' then context_app_name end as heap_app_name,
    case when library = 'android' then context_app_version end as heap_app_version,
    case when library = 'android' then context_device_model end as heap_device,
    nullif(url_host, '') as domain,
    context_page_path as path,
    nullif(context_page_search, '') as query,
    url_hash as {{ heap_connect.quote_column('hash') }},
    case when library = 'web' then context_page_title end as title,
    cast(null as {{ string }}) as href,
    cast(null as {{ string }}) as target_text,
    cast(null as {{ string }}) as hierarchy,
    cast(null as {{ string }}) as heap_previous_page,
    case when call = 'screen' then screen_name end as view_controller,
    cast(null as {{ string }}) as action_method,
    cast(null as {{ string }}) as target_view_class,
    cast(null as {{ string }}) as target_view_name,
    cast(null as {{ string }}) as target_a11y_id,
    cast(null as {{ string }}) as target_a11y_label,
    cast(null as {{ string }}) as screen_a11y_id,
    cast(null as {{ string }}) as screen_a11y_label,
    properties
from events
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user(heap_connect.string_id('events.user_key')) }}

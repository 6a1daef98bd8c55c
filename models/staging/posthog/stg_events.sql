-- PostHog events as raw Heap events (the columns of every source's stg_events;
-- docs/sources/posthog.md has the mapping field by field): $pageview -> view page, $screen ->
-- view screen, $autocapture -> its $event_type (click, submit, change) with the target's
-- hierarchy, href and text from elements_chain; every other event a custom event named as in
-- PostHog. Identity events ($identify, $create_alias, $set, $groupidentify) are not events in
-- Heap: they feed stg_identifies and stg_user_properties. String ids become BIGINT ids
-- (heap_connect.string_id). Session-level fields are on every event: a session takes them from
-- its first event (int_sessions).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'posthog') }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set prop = heap_connect.posthog_property %}
{%- set lib = prop('$lib') %}
{%- set os = prop('$os') %}
with events as (
    select
        raw_rows.*,
        case
            when {{ lib }} = 'web' then 'web'
            when {{ lib }} = 'posthog-ios' or ({{ lib }} in ('posthog-react-native', 'posthog-flutter') and {{ os }} = 'iOS') then 'iOS'
            when {{ lib }} = 'posthog-android' or ({{ lib }} in ('posthog-react-native', 'posthog-flutter') and {{ os }} = 'Android') then 'android'
            else 'server'
        end as library,
        {{ heap_connect.string_id('distinct_id') }} as user_id,
        -- the page's query and hash, read once: the event's and, on a session's first event,
        -- the landing page's
        {{ heap_connect.regexp_substr(prop('$current_url'), "'[?][^#]*'") }} as url_query,
        {{ heap_connect.regexp_substr(prop('$current_url'), "'#.*'") }} as url_hash
    from {{ ref('base_posthog__events') }} as raw_rows
    where event not in ({% for name in settings['identity_events'] %}{{ heap_connect.sql_string(name) }}{{ ', ' if not loop.last }}{% endfor %})
)

select
    {{ heap_connect.string_id('uuid') }} as event_id,
    user_id,
    case when library <> 'server' then {{ heap_connect.string_id(prop('$session_id')) }} end as session_id,
    {{ heap_connect.quote_column('time') }},
    loaded_at,
    library,
    cast(case event
        when '$pageview' then 'view page'
        when '$screen' then 'view screen'
        when '$autocapture' then coalesce({{ prop('$event_type') }}, 'click')
        else event
    end as {{ dbt.type_string() }}) as {{ heap_connect.quote_column('type') }},
    event not in ('$pageview', '$screen', '$autocapture') as is_custom,
    case
        when library in ('iOS', 'android') then {{ os }} || coalesce(' ' || {{ prop('$os_version') }}, '')
        else {{ os }}
    end as platform,
    {{ prop('$device_type') }} as device_type,
    {{ prop('$geoip_country_name') }} as country,
    {{ prop('$geoip_subdivision_1_name') }} as region,
    {{ prop('$geoip_city_name') }} as city,
    {{ prop('$ip') }} as ip,
    {{ prop('$browser') }} as browser,
    nullif({{ prop('$referrer') }}, '$direct') as referrer,
    case when library = 'web' then {{ prop('$host') }} || {{ prop('$pathname') }} end as landing_page,
    url_query as landing_page_query,
    url_hash as landing_page_hash,
    cast(null as {{ dbt.type_string() }}) as search_keyword,
    {{ prop('utm_source') }} as utm_source,
    {{ prop('utm_campaign') }} as utm_campaign,
    {{ prop('utm_medium') }} as utm_medium,
    {{ prop('utm_term') }} as utm_term,
    {{ prop('utm_content') }} as utm_content,
    -- Heap's iOS columns and its Android ones (heap_*) hold the same facts
    case when library = 'iOS' then {{ prop('$device_model') }} end as device,
    case when library = 'iOS' then {{ prop('$network_carrier') }} end as carrier,
    case when library = 'iOS' then {{ prop('$app_name') }} end as app_name,
    case when library = 'iOS' then {{ prop('$app_version') }} end as app_version,
    case when library = 'android' then {{ prop('$device_id') }} end as heap_device_id,
    case when library = 'android' then {{ prop('$app_name') }} end as heap_app_name,
    case when library = 'android' then {{ prop('$app_version') }} end as heap_app_version,
    case when library = 'android' then {{ prop('$device_model') }} end as heap_device,
    {{ prop('$host') }} as domain,
    {{ prop('$pathname') }} as path,
    url_query as query,
    url_hash as {{ heap_connect.quote_column('hash') }},
    case when event = '$pageview' then {{ prop('title') }} end as title,
    coalesce({{ heap_connect.posthog_chain_value('elements_chain', 'href') }},
        {{ heap_connect.posthog_chain_value('elements_chain', 'attr__href') }}) as href,
    coalesce({{ prop('$el_text') }}, {{ heap_connect.posthog_chain_value('elements_chain', 'text') }}) as target_text,
    {{ heap_connect.posthog_hierarchy('elements_chain') }} as hierarchy,
    {{ prop('$prev_pageview_pathname') }} as heap_previous_page,
    -- PostHog's mobile SDKs send the current screen's name with every event
    case when library in ('iOS', 'android') then {{ prop('$screen_name') }} end as view_controller,
    cast(null as {{ dbt.type_string() }}) as action_method,
    cast(null as {{ dbt.type_string() }}) as target_view_class,
    cast(null as {{ dbt.type_string() }}) as target_view_name,
    cast(null as {{ dbt.type_string() }}) as target_a11y_id,
    cast(null as {{ dbt.type_string() }}) as target_a11y_label,
    cast(null as {{ dbt.type_string() }}) as screen_a11y_id,
    cast(null as {{ dbt.type_string() }}) as screen_a11y_label,
    {{ heap_connect.json_object_without('properties', '$', settings['field_properties']) }} as properties
from events
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user('events.user_id') }}

-- Snowplow events as raw Heap events (the columns of every source's stg_events;
-- docs/sources/snowplow.md has the mapping field by field): page_view -> view page;
-- link_click -> click, submit_form -> submit, change_form -> change, each with its element as
-- a one-element hierarchy; a structured event -> the custom event `category:action` with
-- se_label, se_property and se_value as properties; any other self-describing event -> a
-- custom event named after it, its data's scalar fields as properties. Page pings are not events in
-- Heap (their user_id identifies, stg_identifies). String ids become BIGINT ids (heap_connect.string_id). Session
-- fields are on every event: a session takes them from its first event (int_sessions).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'snowplow') }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set field = heap_connect.snowplow_field %}
{%- set agent = heap_connect.snowplow_useragent_field %}
with events as (
    select
        raw_rows.*,
        case
            when platform = 'srv' then 'server'
            when platform = 'mob' and os_family = 'iOS' then 'iOS'
            when platform = 'mob' and os_family = 'Android' then 'android'
            else 'web'
        end as library,
        case
            when event = 'page_view' then 'view page'
            when event = 'struct' then se_category || ':' || se_action
            when event_name = 'link_click' then 'click'
            when event_name = 'submit_form' then 'submit'
            when event_name = 'change_form' then 'change'
            else coalesce(event_name, event)
        end as heap_type,
        {{ heap_connect.string_id('domain_userid') }} as user_id_number
    from {{ ref('base_snowplow__events') }} as raw_rows
    where event not in ({% for name in settings['dropped_events'] %}{{ heap_connect.sql_string(name) }}{{ ', ' if not loop.last }}{% endfor %})
)

select
    {{ heap_connect.string_id('event_id') }} as event_id,
    user_id_number as user_id,
    case when library <> 'server' then {{ heap_connect.string_id('domain_sessionid') }} end as session_id,
    {{ heap_connect.quote_column('time') }},
    loaded_at,
    library,
    cast(heap_type as {{ dbt.type_string() }}) as {{ heap_connect.quote_column('type') }},
    heap_type not in ('view page', 'click', 'submit', 'change') as is_custom,
    -- the enrichments' fields, else read from the user agent (heapgen.snowplow.USERAGENT_RULES)
    coalesce(os_family, {{ agent('useragent', settings['useragent_rules']['platform']) }}) as platform,
    coalesce(case when dvce_type = 'Computer' then 'Desktop' else dvce_type end,
        {{ agent('useragent', settings['useragent_rules']['device_type']) }}) as device_type,
    geo_country as country,
    geo_region_name as region,
    geo_city as city,
    cast(null as {{ dbt.type_string() }}) as ip,
    coalesce(br_family, {{ agent('useragent', settings['useragent_rules']['browser']) }}) as browser,
    page_referrer as referrer,
    page_urlhost || page_urlpath as landing_page,
    '?' || page_urlquery as landing_page_query,
    '#' || page_urlfragment as landing_page_hash,
    refr_term as search_keyword,
    mkt_source as utm_source,
    mkt_campaign as utm_campaign,
    mkt_medium as utm_medium,
    mkt_term as utm_term,
    mkt_content as utm_content,
    cast(null as {{ dbt.type_string() }}) as device,
    cast(null as {{ dbt.type_string() }}) as carrier,
    cast(null as {{ dbt.type_string() }}) as app_name,
    cast(null as {{ dbt.type_string() }}) as app_version,
    cast(null as {{ dbt.type_string() }}) as heap_device_id,
    cast(null as {{ dbt.type_string() }}) as heap_app_name,
    cast(null as {{ dbt.type_string() }}) as heap_app_version,
    cast(null as {{ dbt.type_string() }}) as heap_device,
    page_urlhost as domain,
    page_urlpath as path,
    '?' || page_urlquery as query,
    '#' || page_urlfragment as {{ heap_connect.quote_column('hash') }},
    page_title as title,
    case when heap_type = 'click' then {{ field('targetUrl') }} end as href,
    case when heap_type = 'click' then {{ field('elementContent') }} end as target_text,
    case heap_type
        when 'click' then {{ heap_connect.snowplow_hierarchy("'a'", field('elementId'), heap_connect.json_extract_json('unstruct_data', 'elementClasses')) }}
        when 'submit' then {{ heap_connect.snowplow_hierarchy("'form'", field('formId'), heap_connect.json_extract_json('unstruct_data', 'formClasses')) }}
        when 'change' then {{ heap_connect.snowplow_hierarchy(field('nodeName'), field('elementId'), heap_connect.json_extract_json('unstruct_data', 'elementClasses')) }}
    end as hierarchy,
    -- a page view's previous page on the same site: its referrer's path
    case when heap_type = 'view page' and refr_urlhost = page_urlhost then refr_urlpath end as heap_previous_page,
    cast(null as {{ dbt.type_string() }}) as view_controller,
    cast(null as {{ dbt.type_string() }}) as action_method,
    cast(null as {{ dbt.type_string() }}) as target_view_class,
    cast(null as {{ dbt.type_string() }}) as target_view_name,
    cast(null as {{ dbt.type_string() }}) as target_a11y_id,
    cast(null as {{ dbt.type_string() }}) as target_a11y_label,
    cast(null as {{ dbt.type_string() }}) as screen_a11y_id,
    cast(null as {{ dbt.type_string() }}) as screen_a11y_label,
    case
        when event = 'struct' then {{ heap_connect.json_object_of([('se_label', 'se_label'), ('se_property', 'se_property'), ('se_value', 'se_value')]) }}
        -- a custom self-describing event: its data's scalar fields
        when heap_type not in ('view page', 'click', 'submit', 'change') then {{ heap_connect.json_object_without('unstruct_data', none, [], scalars_only=true) }}
    end as properties
from events
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user('events.user_id_number') }}

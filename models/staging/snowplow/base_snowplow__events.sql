-- Snowplow's enriched events (definitions/heap_connect.yml `source:`), one row per row of
-- atomic.events, under one set of names whatever the loader's layout: the
-- self-describing event's data as `unstruct_data` (heap_connect.snowplow_unstruct_data), the
-- event's time (derived_tstamp) and when it landed (the later of collector_tstamp and
-- load_tstamp). Rows without a domain_userid (no user in Heap's sense) are left out. Read by
-- the Snowplow staging models only.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'snowplow') }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
{%- set text_columns = [
    'event_id', 'platform', 'event', 'event_name', 'user_id', 'domain_userid', 'domain_sessionid',
    'page_title', 'page_referrer', 'page_urlhost', 'page_urlpath', 'page_urlquery',
    'page_urlfragment', 'refr_urlhost', 'refr_urlpath', 'refr_term', 'mkt_source', 'mkt_medium',
    'mkt_campaign', 'mkt_term', 'mkt_content', 'se_category', 'se_action', 'se_label',
    'se_property', 'se_value', 'useragent', 'br_family', 'os_family', 'dvce_type', 'geo_country',
    'geo_region_name', 'geo_city'] %}
select
    {%- for column in text_columns %}
    nullif(cast({{ column }} as {{ dbt.type_string() }}), '') as {{ column }},
    {%- endfor %}
    {{ heap_connect.snowplow_unstruct_data(source('snowplow', 'events'), settings) }} as unstruct_data,
    cast(coalesce(derived_tstamp, collector_tstamp) as {{ dbt.type_timestamp() }}) as {{ heap_connect.quote_column('time') }},
    cast(case when load_tstamp > collector_tstamp then load_tstamp else collector_tstamp end as {{ dbt.type_timestamp() }}) as loaded_at
from {{ source('snowplow', 'events') }}
where domain_userid is not null and domain_userid <> ''

-- pageviews: every web `view page` and iOS / Android `view screen` event, with the
-- session-level fields of its session and session_time.
{{ config(alias='pageviews') }}
select
    {{- heap_connect.event_columns_select(heap_connect.spec_columns('pageviews'), 'e', 's') }}
    {{- heap_connect.defined_property_select('event', 'e', 's') }}
from {{ ref('int_events') }} as e
left join {{ ref('int_sessions') }} as s
    on s.session_id = e.session_id
{{ heap_connect.user_map_join('e.user_id') }}
where {{ heap_connect.is_pageview('e') }}

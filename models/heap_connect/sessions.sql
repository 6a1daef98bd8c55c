-- sessions: one row per session, with the seed's columns in the seed's order.
-- Server-side events have no session and no row here.
{{ config(alias='sessions') }}
select
    {{- heap_connect.spec_select('sessions', 'sessions', {'user_id': heap_connect.resolved_user_id('sessions.user_id')}) }}
    {{- heap_connect.defined_property_select('event', none, 'sessions') }}
from {{ ref('int_sessions') }} as sessions
{{ heap_connect.user_map_join('sessions.user_id') }}

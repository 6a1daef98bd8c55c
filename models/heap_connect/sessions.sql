-- sessions: one row per session, with the seed's columns in the seed's order.
-- Server-side events have no session and no row here.
{{ config(alias='sessions') }}
select
    {{- heap_connect.spec_select('sessions', 'sessions') }}
from {{ ref('int_sessions') }} as sessions

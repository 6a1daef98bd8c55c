-- Snowplow's domain_userids with the numbers heap_connect gives them (heap_connect.string_id):
-- users.user_id, every table's user_id and user_migrations' ids are such numbers; join here
-- for Snowplow's cookie id. A view over atomic.events: nothing is copied, and it is as current
-- as the table.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'snowplow', materialized='view') }}
select distinct
    {{ heap_connect.string_id('domain_userid') }} as user_id,
    domain_userid
from {{ ref('base_snowplow__events') }}

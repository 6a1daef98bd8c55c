-- Snowplow's user_id (set by the tracker's setUserId) as raw identifies (the columns of every
-- source's stg_identifies): each event that carries one identifies its domain_userid's user
-- with it at the event's time; the earliest owns the identity (identity resolution).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'snowplow') }}
select
    {{ heap_connect.string_id('domain_userid') }} as user_id,
    user_id as identity,
    {{ heap_connect.quote_column('time') }},
    loaded_at
from {{ ref('base_snowplow__events') }} as raw_rows
where user_id is not null
    -- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
    and {{ heap_connect.not_deleted_user(heap_connect.string_id('raw_rows.domain_userid')) }}

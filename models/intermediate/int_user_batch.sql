-- The users this sync rewrites in `users` (its batch; also the opt-in marts': users_enhanced,
-- sessions_enhanced): every user id whose row can differ from the one `users` holds. Those
-- of the events int_event_batch carries (new events, their sessions, users whose migration
-- changed); those of the identifies and user properties on the days of loaded_at whose rows
-- changed since `users` (or users_enhanced) last recorded them (the arrival ledger, sources
-- users_identifies and users_user_properties, users_enhanced_*: heap_connect.users_unread_days),
-- with every user identified with an identity one of those identifies names (its owner can
-- change); the users whose migration changed (heap_connect.changed_user_ids); and, for each,
-- the user it belongs to now and the one it belonged to at the last complete sync.
-- Empty when no incremental model has a sync state yet: `users` is then built from all history.
-- A sync's batch table (meta heap_sync_batch): every build that builds anything builds it
-- again, so that no model reads an earlier sync's batch (heapgen.reach).
{{ config(meta={'heap_sync_batch': true}) }}
-- depends_on: {{ ref('int_event_batch') }}, {{ ref('int_identifies') }}, {{ ref('int_user_properties') }}, {{ ref('int_user_map') }}
{%- set since = heap_connect.batch_start() %}
{%- if since is none %}
select cast(null as {{ dbt.type_bigint() }}) as user_id
where 1 = 0
{%- else %}
{%- set identifies = heap_connect.arrival_condition(heap_connect.users_unread_days('identifies')) %}
{%- set user_properties = heap_connect.arrival_condition(heap_connect.users_unread_days('user_properties')) %}
with new_identifies as (
    select user_id, identity
    from {{ ref('int_identifies') }}
    where {{ identifies }}
),

touched as (
    select user_id from {{ ref('int_event_batch') }}
    union all
    select user_id from new_identifies
    union all
    select user_id from {{ ref('int_identifies') }}
    where identity in (select identity from new_identifies)
    union all
    select user_id from {{ ref('int_user_properties') }}
    where {{ user_properties }}
    union all
    {{ heap_connect.changed_user_ids() }}
)

select distinct user_id
from (
    select user_id from touched
    union all
    select now_map.to_user_id
    from touched
    inner join {{ ref('int_user_map') }} as now_map
        on now_map.from_user_id = touched.user_id
    union all
    select then_map.to_user_id
    from touched
    inner join {{ heap_connect.internal_relation('_heap_user_map_synced') }} as then_map
        on then_map.from_user_id = touched.user_id
) as batch_users
where user_id is not null
{%- endif %}

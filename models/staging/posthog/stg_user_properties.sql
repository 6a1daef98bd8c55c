-- PostHog person property updates as raw user properties (the columns of every source's
-- stg_user_properties): the `$set` object of any event (an `$identify`, a `$set` event or any
-- other) sets those properties of its distinct_id's user as of the event's time; the latest
-- value by time wins, as in Heap. Its `$set_once` object sets a property only while no `$set`
-- and no earlier `$set_once` has (`set_once`, heap_connect.latest_property_values).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'posthog') }}
{%- set operations = heap_connect.literal_rows([('set_once', dbt.type_boolean())], [['false'], ['true']]) %}
-- one read of the export: each event once per operation ($set, then $set_once)
with updates as (
    select
        {{ heap_connect.string_id('events.distinct_id') }} as user_id,
        events.{{ heap_connect.quote_column('time') }},
        case
            when operations.set_once then {{ heap_connect.json_extract_json('events.properties', '$set_once') }}
            else {{ heap_connect.json_extract_json('events.properties', '$set') }}
        end as properties,
        operations.set_once,
        events.loaded_at
    from {{ ref('base_posthog__events') }} as events
    cross join ({{ operations }}) as operations
)

select
    user_id,
    {{ heap_connect.quote_column('time') }},
    properties,
    set_once,
    loaded_at
from updates
where properties is not null
    -- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
    and {{ heap_connect.not_deleted_user('updates.user_id') }}

-- PostHog person property updates as raw user properties (the columns of every source's
-- stg_user_properties): the `$set` object of any event (an `$identify`, a `$set` event or any
-- other) sets those properties of its distinct_id's user as of the event's time; the latest
-- value by time wins, as in Heap. Its `$set_once` object sets a property only while no `$set`
-- and no earlier `$set_once` has (`set_once`, heap_connect.latest_property_values).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'posthog') }}
with updates as (
    {%- for operation in ['$set', '$set_once'] %}
    select
        {{ heap_connect.string_id('distinct_id') }} as user_id,
        {{ heap_connect.quote_column('time') }},
        {{ heap_connect.json_extract_json('properties', operation) }} as properties,
        cast({{ 'true' if operation == '$set_once' else 'false' }} as {{ dbt.type_boolean() }}) as set_once,
        loaded_at
    from {{ ref('base_posthog__events') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
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

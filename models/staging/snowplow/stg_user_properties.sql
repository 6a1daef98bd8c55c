-- Snowplow's events set no user properties (user traits live in contexts of the project's own
-- schemas): the columns of every source's stg_user_properties, no rows.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'snowplow') }}
select
    cast(null as {{ dbt.type_bigint() }}) as user_id,
    cast(null as {{ dbt.type_timestamp() }}) as {{ heap_connect.quote_column('time') }},
    {{ heap_connect.null_json() }} as properties,
    cast(false as {{ dbt.type_boolean() }}) as set_once,
    cast(null as {{ dbt.type_timestamp() }}) as loaded_at
from {{ ref('base_snowplow__events') }}
where 1 = 0

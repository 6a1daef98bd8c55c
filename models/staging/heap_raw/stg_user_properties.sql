-- Raw user property updates, typed to the contract. Heap's API only sets (`set_once` false).
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'heap_raw') }}
select
    cast(user_id as {{ dbt.type_bigint() }}) as user_id,
    cast(time as {{ dbt.type_timestamp() }}) as time,
    properties,
    cast(false as {{ dbt.type_boolean() }}) as set_once,
    cast(loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
from {{ source('heap_raw', 'user_properties') }} raw_rows  -- the alias the deletion filter's subquery reads
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user('raw_rows.user_id') }}

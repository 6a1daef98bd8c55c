-- Raw identify calls, typed to the contract.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'heap_raw') }}
select
    cast(user_id as {{ dbt.type_bigint() }}) as user_id,
    cast(identity as {{ dbt.type_string() }}) as identity,
    cast(time as {{ dbt.type_timestamp() }}) as time,
    cast(loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
from {{ source('heap_raw', 'identifies') }} raw_rows  -- the alias the deletion filter's subquery reads
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user('raw_rows.user_id') }}

-- Raw identify calls, typed to the contract.
select
    cast(user_id as {{ dbt.type_bigint() }}) as user_id,
    cast(identity as {{ dbt.type_string() }}) as identity,
    cast(time as {{ dbt.type_timestamp() }}) as time,
    cast(loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
from {{ source('heap_raw', 'identifies') }}
-- a deleted user's rows are never synced, whenever they arrive (macros/deletion/)
where {{ heap_connect.not_deleted_user('cast(user_id as ' ~ dbt.type_bigint() ~ ')') }}

-- Direct migrations: a user_id identified with an identity another user_id owns moves to
-- that owner (from_user_id -> to_user_id, at the identify's time). A user that would move
-- to several owners moves with its earliest such identify.
select
    from_user_id,
    to_user_id,
    {{ heap_connect.quote_column('time') }}
from (
    select
        identifies.user_id as from_user_id,
        owners.owner_user_id as to_user_id,
        identifies.{{ heap_connect.quote_column('time') }},
        row_number() over (
            partition by identifies.user_id
            order by identifies.{{ heap_connect.quote_column('time') }}, identifies.loaded_at, owners.owner_user_id
        ) as migration_rank
    from {{ ref('int_identifies') }} as identifies
    inner join {{ ref('int_identity_owners') }} as owners
        on owners.identity = identifies.identity
    where identifies.user_id <> owners.owner_user_id
) as ranked
where migration_rank = 1

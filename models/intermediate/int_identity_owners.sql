-- Who owns each identity: the first user_id identified with it (earliest time, then the
-- earliest loaded, then the lowest id). An earlier identify that arrives late changes the owner.
select
    identity,
    user_id as owner_user_id,
    {{ heap_connect.quote_column('time') }} as identified_at
from (
    select
        identity,
        user_id,
        {{ heap_connect.quote_column('time') }},
        row_number() over (
            partition by identity
            order by {{ heap_connect.quote_column('time') }}, loaded_at, user_id
        ) as identify_rank
    from {{ ref('int_identifies') }}
) as ranked
where identify_rank = 1

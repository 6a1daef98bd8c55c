{#-
  The row checks of an event table in one query (one dbt node instead of five: with
  hundreds of event tables, dbt's per-node overhead dominated every sync's test time;
  docs/decisions/0015-benchmarks.md): event_id present and unique, user_id and time present,
  and every user_id a row of `users`. Fails with one row per problem found.
-#}
{% test event_table_rows(model, users) %}
select event_id, user_id, 'event_id is null' as problem
from {{ model }} where event_id is null
union all
select event_id, min(user_id), 'event_id is not unique'
from {{ model }} where event_id is not null group by event_id having count(*) > 1
union all
select event_id, user_id, 'user_id is null'
from {{ model }} where user_id is null
union all
select event_id, user_id, 'time is null'
from {{ model }} where {{ heap_connect.quote_column('time') }} is null
union all
select event_id, user_id, 'user_id is not in users'
from {{ model }} as t
where user_id is not null
    and not exists (select 1 from {{ users }} as u where u.user_id = t.user_id)
{% endtest %}

{#-
  Every check of an event table in one query, one dbt node per table: dbt's fixed cost per
  node dominated every sync's test time with hundreds of event tables (7 nodes per table,
  then 2, now 1; docs/decisions/0015-benchmarks.md). event_id present and unique, user_id
  and time present, every user_id a row of `users`, and the columns as the column spec's
  event-table columns for `libraries` (heap_connect's matches_column_spec test, property
  columns allowed after them). Fails with one row per problem found.
-#}
{% test event_table_checks(model, users, libraries) %}
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
union all
select
    cast(null as {{ dbt.type_bigint() }}),
    cast(null as {{ dbt.type_bigint() }}),
    {{ dbt.concat(["'column '", "coalesce(spec.actual_name, spec.expected_name, '?')", "' differs from the column spec'"]) }}
from (
    {{ heap_connect.test_matches_column_spec(model, 'event_table', libraries=libraries, allow_extra=true) }}
) as spec
{% endtest %}

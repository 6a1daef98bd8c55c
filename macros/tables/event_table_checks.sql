{#-
  Every check of a group of event tables in one query, one dbt test node per group (the
  generated tests/dbt/heap_generated/event_table_checks_*.sql): dbt's fixed cost per node
  dominated a sync's test time with hundreds of event tables (7 nodes per table, then 2,
  then 1; docs/decisions/0015-benchmarks.md). Per table: event_id present and unique,
  user_id and time present, every user_id a row of `users`, and the columns as the column
  spec's event-table columns for its libraries (heap_connect's matches_column_spec test,
  property columns allowed after them). Fails with one row per problem found, naming the
  table. `tables`: [(relation, libraries)]; a table not built yet (a new labeled event
  when only other tables are selected) is left out (offline: every table is checked).
-#}
{% macro event_table_checks(tables, users) -%}
  {%- set checks = [] -%}
  {%- for relation, libraries in tables
      if execute and (heap_connect.is_offline()
        or adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none) -%}
    {%- set table_name = heap_connect.sql_string(relation.identifier) -%}
    {%- set check -%}
select {{ table_name }} as table_name, event_id, user_id, 'event_id is null' as problem
from {{ relation }} where event_id is null
union all
select {{ table_name }}, event_id, min(user_id), 'event_id is not unique'
from {{ relation }} where event_id is not null group by event_id having count(*) > 1
union all
select {{ table_name }}, event_id, user_id, 'user_id is null'
from {{ relation }} where user_id is null
union all
select {{ table_name }}, event_id, user_id, 'time is null'
from {{ relation }} where {{ heap_connect.quote_column('time') }} is null
union all
select {{ table_name }}, event_id, user_id, 'user_id is not in users'
from {{ relation }} as t
where user_id is not null
    and not exists (select 1 from {{ users }} as u where u.user_id = t.user_id)
union all
select
    {{ table_name }},
    cast(null as {{ dbt.type_bigint() }}),
    cast(null as {{ dbt.type_bigint() }}),
    {{ dbt.concat(["'column '", "coalesce(spec.actual_name, spec.expected_name, '?')", "' differs from the column spec'"]) }}
from (
    {{ heap_connect.test_matches_column_spec(relation, 'event_table', libraries=libraries, allow_extra=true) }}
) as spec
    {%- endset -%}
    {%- do checks.append(check) -%}
  {%- endfor -%}
  {%- if checks -%}
{{ checks | join('\nunion all\n') }}
  {%- else -%}
select
    cast(null as {{ dbt.type_string() }}) as table_name,
    cast(null as {{ dbt.type_bigint() }}) as event_id,
    cast(null as {{ dbt.type_bigint() }}) as user_id,
    cast(null as {{ dbt.type_string() }}) as problem
where 1 = 0
  {%- endif -%}
{%- endmacro %}

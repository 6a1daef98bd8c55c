{#- A condition that holds for the rows whose `column` (qualified by its table: it is read
    inside a subquery) is not the id of a deleted user (_deleted_users,
    heap_connect.apply_user_deletions): the staging views read the raw rows through it, so
    a row of a deleted user that arrives late is never synced (the next sync deletes it and
    counts it). NOT EXISTS, not NOT IN: NOT IN's null-aware join made DuckDB materialize the
    raw events (int_events' full build at 10M events: 24 s -> 101 s, 5 -> 20 GB). -#}
{% macro not_deleted_user(column) -%}
  not exists (
    select 1 from {{ heap_connect.internal_relation('_deleted_users') }} as heap_deleted
    where heap_deleted.user_id = cast({{ column }} as {{ dbt.type_bigint() }})
  )
{%- endmacro %}

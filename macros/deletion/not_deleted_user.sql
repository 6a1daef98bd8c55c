{#- A condition that holds for the rows whose `column` is not the id of a deleted user
    (_deleted_users, heap_connect.apply_user_deletions): the staging views read the raw rows
    through it, so a row of a deleted user that arrives late is never synced (the next sync
    deletes it and counts it). -#}
{% macro not_deleted_user(column) -%}
  ({{ column }} is null or {{ column }} not in (select user_id from {{ heap_connect.internal_relation('_deleted_users') }}))
{%- endmacro %}

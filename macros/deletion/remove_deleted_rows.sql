{#-
  Deletes the rows of `relation` that belong to the users `ids` (a query of user ids) and
  records in _deleted_users how many per user (with the user's first request time, applied
  at this sync's start, `table_name` schema.table). `owned`: a relation or subquery with the
  table's key and user_id (the table itself when it has a user_id column); `key`, `keys`:
  the column deleted on and the query of its values (default: user_id, `ids`).
  A table holding none of their rows is left alone: it is asked first (one count), because
  on Spark the delete writes the whole table again (heap_connect.delete_where_in), and every
  sync after a deletion asks each raw table for rows of deleted users that arrived late.
-#}
{% macro remove_deleted_rows(relation, owned, ids, key='user_id', keys=none) -%}
  {%- set theirs = 'from ' ~ owned ~ ' as owned where user_id in (' ~ ids ~ ')' -%}
  {%- if run_query('select count(*) ' ~ theirs).rows[0][0] == 0 -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set deleted = heap_connect.internal_relation('_deleted_users') -%}
  {%- do heap_connect.run_in_transaction('insert into ' ~ deleted ~ ' (user_id, requested_at, applied_at, table_name, rows_removed) '
      ~ 'select removed.user_id, requested.requested_at, ' ~ heap_connect.timestamp_literal(run_started_at) ~ ', '
      ~ heap_connect.sql_string(relation.schema ~ '.' ~ relation.identifier) ~ ', removed.row_count from ('
      ~ 'select user_id, count(*) as row_count ' ~ theirs ~ ' group by user_id'
      ~ ') as removed inner join (select user_id, min(requested_at) as requested_at from ' ~ deleted
      ~ ' group by user_id) as requested on requested.user_id = removed.user_id') -%}
  {%- do heap_connect.run_in_transaction(heap_connect.delete_where_in(relation, key, keys or ids)) -%}
{%- endmacro %}

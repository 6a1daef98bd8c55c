{#-
  Deletes the rows of `relation` that belong to the users `ids` (a query of user ids) and
  records in _deleted_users how many per user (with the user's first request time, applied
  at this sync's start, `table_name` schema.table). `owned`: a relation or subquery with the
  table's key and user_id (the table itself when it has a user_id column); `key`, `keys`:
  the column deleted on and the query of its values (default: user_id, `ids`).
  The delete runs only when that count recorded a row: on Spark a delete writes the whole
  table again even when no row goes (heap_connect.delete_where_in), and every sync after a
  deletion asks each raw table for rows of deleted users that arrived late. The count is
  read back from _deleted_users, not from the table a second time.
-#}
{% macro remove_deleted_rows(relation, owned, ids, key='user_id', keys=none) -%}
  {%- set deleted = heap_connect.internal_relation('_deleted_users') -%}
  {%- set now = heap_connect.timestamp_literal(run_started_at) -%}
  {%- set table_name = heap_connect.sql_string(relation.schema ~ '.' ~ relation.identifier) -%}
  {%- do heap_connect.run_in_transaction('insert into ' ~ deleted ~ ' (user_id, requested_at, applied_at, table_name, rows_removed) '
      ~ 'select removed.user_id, requested.requested_at, ' ~ now ~ ', ' ~ table_name ~ ', removed.row_count from ('
      ~ 'select user_id, count(*) as row_count from ' ~ owned ~ ' as owned where user_id in (' ~ ids ~ ') group by user_id'
      ~ ') as removed inner join (select user_id, min(requested_at) as requested_at from ' ~ deleted
      ~ ' group by user_id) as requested on requested.user_id = removed.user_id') -%}
  {%- set recorded = run_query('select count(*) from ' ~ deleted ~ ' where applied_at = ' ~ now
      ~ ' and table_name = ' ~ table_name).rows[0][0] -%}
  {%- if recorded > 0 -%}
    {%- do heap_connect.run_in_transaction(heap_connect.delete_where_in(relation, key, keys or ids)) -%}
  {%- endif -%}
{%- endmacro %}

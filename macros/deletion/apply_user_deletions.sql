{#-
  Part of every sync's on-run-start (heap_connect.on_sync_start), after the bookkeeping
  tables exist: applies the pending deletion requests (_heap_deletion_requests, written by
  `heapgen delete-users`) and drops the raw rows of users deleted before that arrived since
  (docs/decisions/0019-user-deletion.md).

  1. A request is resolved to whole users as the last sync left them: the user id asked for
     (or every user id the raw identifies show with the identity asked for), the user it was
     merged into (int_user_map), and every user id merged into that one. Each id gets a row
     in _deleted_users with no table_name: from then on the staging views leave its raw rows
     out (heap_connect.not_deleted_user), so nothing brings it back.
  2. Their rows are deleted, counted per user and table in _deleted_users, from the tables a
     sync does not rebuild: the incremental intermediate tables (int_events_labeled through
     int_events), the incremental output tables (sessions, pageviews, every event table),
     and the snapshot _heap_user_map_synced; the other tables are rebuilt by this sync from
     the raw rows that are left. An event table that lost rows is also rebuilt from all
     history (heap_connect.rebuild_reason: `users deleted`), so that its property columns
     are those of the events left, as a full build gives.
  3. The raw rows (heap_raw events, identifies, user_properties) of every deleted user are
     deleted and counted: those of this sync's requests, and any that arrived late for a user
     deleted before.
  The requests applied are then removed, and everything is committed at once. Logs one line `heap_connect_deleted_users {"users":
  N, "rows": {table: rows}}` for heapgen sync's summary.
-#}
{% macro apply_user_deletions() -%}
  {%- set deleted = heap_connect.internal_relation('_deleted_users') -%}
  {%- set requests = heap_connect.internal_relation('_heap_deletion_requests') -%}
  {%- set now = heap_connect.timestamp_literal(run_started_at) -%}
  {%- set last_request = run_query('select max(requested_at) from ' ~ requests).rows[0][0] -%}
  {%- set applied = [] -%}
  {%- if last_request is not none -%}
    {%- do heap_connect.run_in_transaction('insert into ' ~ deleted ~ ' (user_id, requested_at, applied_at, table_name, rows_removed) '
        ~ 'select user_id, min(requested_at), ' ~ now ~ ', null, null from ('
        ~ heap_connect.deletion_request_users(requests) ~ ') as resolved group by user_id') -%}
    {%- set new_ids = 'select user_id from ' ~ deleted ~ ' where applied_at = ' ~ now ~ ' and table_name is null' -%}
    {%- set applied = run_query(new_ids).rows -%}
    {%- set int_events = heap_connect.internal_relation('int_events') -%}
    {%- set tables = [] -%}
    {%- for name in ['int_events_labeled', 'int_sessions', 'int_events'] -%}
      {%- do tables.append(heap_connect.internal_relation(name)) -%}
    {%- endfor -%}
    {%- for node in graph.nodes.values() | sort(attribute='alias')
        if node.resource_type == 'model' and node.config.materialized in ('incremental', 'heap_event_table') and node.config.schema == 'heap_output' -%}
      {%- do tables.append(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias, type='table')) -%}
    {%- endfor -%}
    {%- for relation in tables if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
      {%- if relation.identifier == 'int_events_labeled' -%}
        {#- tags carry no user id: theirs are the deleted users' events -#}
        {%- set owned = '(select t.event_id, e.user_id from ' ~ relation ~ ' as t inner join ' ~ int_events ~ ' as e on e.event_id = t.event_id)' -%}
        {%- do heap_connect.remove_deleted_rows(relation, owned, new_ids, 'event_id',
            'select event_id from ' ~ int_events ~ ' where user_id in (' ~ new_ids ~ ')') -%}
      {%- else -%}
        {%- do heap_connect.remove_deleted_rows(relation, relation, new_ids) -%}
      {%- endif -%}
    {%- endfor -%}
    {%- set snapshot = heap_connect.internal_relation('_heap_user_map_synced') -%}
    {#- delete_where_in's query names its one column as the key (BigQuery's MERGE joins on it) -#}
    {%- for key in ['from_user_id', 'to_user_id'] -%}
      {%- do heap_connect.run_in_transaction(heap_connect.delete_where_in(snapshot, key,
          'select user_id as ' ~ key ~ ' from (' ~ new_ids ~ ') as deleted_ids')) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set deleted_before = run_query('select count(*) from ' ~ deleted).rows[0][0] > 0 -%}
  {%- if deleted_before -%}
    {%- for name in ['events', 'identifies', 'user_properties'] -%}
      {%- set relation = heap_connect.heap_raw_relation(name) -%}
      {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
        {%- do heap_connect.remove_deleted_rows(relation, relation, 'select user_id from ' ~ deleted) -%}
      {%- endif -%}
    {%- endfor -%}
  {%- endif -%}
  {%- if last_request is not none -%}
    {%- do heap_connect.run_in_transaction(heap_connect.delete_where(requests, 'requested_at <= ' ~ heap_connect.timestamp_literal(last_request))) -%}
  {%- endif -%}
  {%- if deleted_before or last_request is not none -%}
    {#- every statement above, at once: a sync killed midway leaves the requests pending -#}
    {%- do adapter.commit() -%}
  {%- endif -%}
  {%- set removed = {} -%}
  {%- for row in run_query('select table_name, sum(rows_removed) from ' ~ deleted ~ ' where applied_at = ' ~ now
      ~ ' and table_name is not null group by table_name').rows -%}
    {%- do removed.update({row[0]: row[1] | int}) -%}
  {%- endfor -%}
  {%- do log(heap_connect.heap_connect_sync_contract()['markers']['deleted_users'] ~ tojson({'users': applied | length, 'rows': removed}), info=true) -%}
{%- endmacro %}

{#- Creates the output and internal schemas, the bookkeeping tables of the output schema
    (columns from the column spec) and the sync's own state tables of the internal schema
    when they do not exist yet:
    - _heap_sync_state: per incremental model, the hash of what it was built from
      (heap_connect.model_state_hash) and the newest int_events synced_at it has taken in;
    - _heap_user_map_synced: the user map (int_user_map) as of the last sync whose every
      incremental model succeeded, to find the users whose migrations changed since;
    - _heap_raw_arrivals: per raw table (`source`: events, identifies) and day of loaded_at,
      the rows its last sync counted before reading them (heap_connect.raw_arrivals);
    - _heap_deletion_requests: users to delete that no sync has applied yet (`heapgen
      delete-users`: a user_id or an identity per row, requested_at);
    - _deleted_users: every deleted user id, and the rows each sync removed of it
      (heap_connect.apply_user_deletions, docs/decisions/0019-user-deletion.md);
    - _heap_synced_project: the fingerprint of the project the last sync built, set by
      heapgen sync after the build succeeded and emptied when a sync starts
      (heap_connect.sync_nothing_new, docs/decisions/0024-a-sync-with-nothing-new.md);
    - _heap_table_builds: per output table, how the last sync that built it did (batch,
      rebuild and why, full) and that sync's start (heap_connect.record_table_builds), read
      by `heapgen status`. -#}
{% macro ensure_sync_tables() -%}
  {%- do adapter.create_schema(api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.output_schema())) -%}
  {%- do adapter.create_schema(api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.internal_schema())) -%}
  {%- set tables = {} -%}
  {%- for name in ['_sync_history', '_sync_info', '_dropped_tables'] -%}
    {%- set columns = [] -%}
    {%- for column in heap_connect.spec_columns(name) -%}
      {%- do columns.append((column['name'], column['type'])) -%}
    {%- endfor -%}
    {%- do tables.update({name: (heap_connect.sync_relation(name), columns)}) -%}
  {%- endfor -%}
  {%- do tables.update({
      '_heap_sync_state': (heap_connect.internal_relation('_heap_sync_state'),
          [('model_name', 'text'), ('state_hash', 'text'), ('synced_through', 'timestamp'), ('updated_at', 'timestamp')]),
      '_heap_user_map_synced': (heap_connect.internal_relation('_heap_user_map_synced'),
          [('from_user_id', 'bigint'), ('to_user_id', 'bigint')]),
      '_heap_raw_arrivals': (heap_connect.internal_relation('_heap_raw_arrivals'),
          [('source', 'text'), ('loaded_day', 'timestamp'), ('row_count', 'bigint'), ('id_sum', 'bigint')]),
      '_heap_deletion_requests': (heap_connect.internal_relation('_heap_deletion_requests'),
          [('requested_at', 'timestamp'), ('user_id', 'bigint'), ('identity', 'text')]),
      '_deleted_users': (heap_connect.internal_relation('_deleted_users'),
          [('user_id', 'bigint'), ('requested_at', 'timestamp'), ('applied_at', 'timestamp'),
           ('table_name', 'text'), ('rows_removed', 'bigint')]),
      '_heap_synced_project': (heap_connect.internal_relation('_heap_synced_project'),
          [('fingerprint', 'text'), ('synced_at', 'timestamp')]),
      '_heap_table_builds': (heap_connect.internal_relation('_heap_table_builds'),
          [('table_name', 'text'), ('build', 'text'), ('sync_started', 'timestamp')])}) -%}
  {%- for name, table in tables.items() -%}
    {%- set relation, columns = table -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
      {%- set definitions = [] -%}
      {%- for column_name, column_type in columns -%}
        {%- do definitions.append(heap_connect.quote_column(column_name) ~ ' ' ~ heap_connect.type_for(column_type)) -%}
      {%- endfor -%}
      {%- do run_query('create table ' ~ relation ~ ' (' ~ definitions | join(', ') ~ ')') -%}
    {%- endif -%}
  {%- endfor -%}
{%- endmacro %}

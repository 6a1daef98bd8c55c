{#-
  What syncing the event tables needs to know from the warehouse, asked once per dbt
  invocation for every labeled event at once (never once per table), as a dict:
  - states: {model name: state hash} of the event-table models (_heap_sync_state);
  - columns: {table name (lower case): [adapter Column]} of the event tables that exist
    (heap_connect.schema_columns: one query where the warehouse allows it);
  - deleted: the tables (lower case) this sync's user deletions removed rows from;
  - profile: {label_id: {'batch': rows, 'history': rows}} of int_label_property_profile
    (rows as heap_connect.property_columns reads them; 'history' only when it profiled all
    history this sync, its marker row included);
  - batch_rows: {label_id: tagged events of the batch whose rows are written again};
    moved_rows: {label_id: tagged events of the batch whose rows only move to another user
    (int_event_batch's `rows_rewritten`, heap_connect.move_user_ids)}; batch_size: the
    batch's events whose rows are written again (heap_connect.batch_counts).
  A label's facts change only when its own table is applied (heap_connect.apply_event_tables),
  so the answer stays right for every other label for the rest of the invocation.
-#}
{% macro event_table_facts() -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- if 'event_table_facts' in cache -%}{{ return(cache['event_table_facts']) }}{%- endif -%}
  {%- set facts = {'states': {}, 'columns': {}, 'deleted': [], 'profile': {}, 'batch_rows': {}, 'moved_rows': {}, 'batch_size': 0} -%}
  {%- set state = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- if adapter.get_relation(database=state.database, schema=state.schema, identifier=state.identifier) is not none -%}
    {%- for row in run_query('select model_name, state_hash from ' ~ state ~ ' where model_name like '
        ~ heap_connect.sql_string(heap_connect.event_model_name('') ~ '%')).rows -%}
      {%- do facts['states'].update({row[0]: row[1]}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set nodes = [] -%}
  {%- for node in graph.nodes.values() if node.resource_type == 'model' and heap_connect.heap_connect_sync_contract()['event_tag'] in node.tags -%}
    {%- do nodes.append(node) -%}
  {%- endfor -%}
  {%- set tables = heap_connect.existing_relations(nodes) -%}
  {%- if tables -%}
    {%- do facts['columns'].update(heap_connect.schema_columns(api.Relation.create(database=nodes[0].database, schema=nodes[0].schema), tables)) -%}
  {%- endif -%}
  {%- set deleted = heap_connect.internal_relation('_deleted_users') -%}
  {%- if adapter.get_relation(database=deleted.database, schema=deleted.schema, identifier=deleted.identifier) is not none -%}
    {%- for row in run_query('select distinct table_name from ' ~ deleted ~ ' where table_name is not null and applied_at = '
        ~ heap_connect.timestamp_literal(run_started_at)).rows -%}
      {%- do facts['deleted'].append(row[0].split('.')[-1] | lower) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- for row in run_query('select label_id, from_history, property_key, n_values, n_integer, n_number, n_boolean, n_timestamp from '
      ~ ref('int_label_property_profile')).rows -%}
    {%- set profile = facts['profile'].setdefault(row[0], {'batch': [], 'history': []}) -%}
    {%- do profile['history' if row[1] else 'batch'].append(row[2:]) -%}
  {%- endfor -%}
  {%- for row in run_query('select t.label_id, count(case when b.rows_rewritten then 1 end), count(case when not b.rows_rewritten then 1 end) from '
      ~ ref('int_events_labeled') ~ ' as t inner join ' ~ ref('int_event_batch') ~ ' as b on b.event_id = t.event_id group by t.label_id').rows -%}
    {%- do facts['batch_rows'].update({row[0]: row[1] | int}) -%}
    {%- do facts['moved_rows'].update({row[0]: row[2] | int}) -%}
  {%- endfor -%}
  {%- do facts.update({'batch_size': heap_connect.batch_counts()['rewritten']}) -%}
  {%- do cache.update({'event_table_facts': facts}) -%}
  {{ return(facts) }}
{%- endmacro %}

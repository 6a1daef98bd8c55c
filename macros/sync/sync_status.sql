{#-
  Logs one line `heap_connect_status {"syncs": [...], "tables": [...]}` for `heapgen status`;
  reads only, writes nothing:
  - syncs: the newest `syncs` rows of _sync_history, newest first: status, start_time,
    finish_time, error, next_scheduled_sync_at;
  - tables: every model of the output schema whose relation exists, by name: its kind (event
    table, segment, or its materialization), whether it is archived, its rows, its newest
    event time (tables of events: their column spec has event_id and time), an event
    table's last _sync_info row (sync_started, sync_ended, synced_to_time,
    inserted_row_count), and how the last sync that built it did (_heap_table_builds:
    build, sync_started).
  Times are text, 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC); none before the first sync.
  Run as: dbt run-operation sync_status --args '{syncs: 5}'
-#}
{% macro sync_status(syncs=5) -%}
  {%- set c = heap_connect.heap_connect_sync_contract() -%}
  {%- set spec = heap_connect.heap_connect_column_spec() -%}
  {%- set found = {} -%}
  {%- for relation in [heap_connect.sync_relation('_sync_history'), heap_connect.sync_relation('_sync_info'),
      heap_connect.internal_relation('_heap_table_builds')] -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
      {%- do found.update({relation.identifier: relation}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set history = [] -%}
  {%- if '_sync_history' in found -%}
    {%- for row in run_query('select status, start_time, finish_time, error, next_scheduled_sync_at from '
        ~ found['_sync_history'] ~ ' order by start_time desc limit ' ~ (syncs | int)).rows -%}
      {%- do history.append({'status': row[0], 'start_time': heap_connect.time_text(row[1]),
          'finish_time': heap_connect.time_text(row[2]), 'error': row[3],
          'next_scheduled_sync_at': heap_connect.time_text(row[4])}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set outputs = heap_connect.output_models() -%}
  {%- set existing = heap_connect.existing_relations(outputs) -%}
  {%- set tables = {} -%}
  {%- set groups = {'time': {}, 'none': {}} -%}
  {%- for node in outputs if node.alias | lower in existing -%}
    {%- set kind = 'event table' if c['event_tag'] in node.tags else ('segment' if c['segment_tag'] in node.tags else node.config.materialized) -%}
    {%- set spec_table = {'event table': 'event_table', 'segment': 'segment'}.get(kind, node.alias) -%}
    {%- set spec_names = (spec.get(spec_table) or []) | map(attribute='name') | list -%}
    {%- set of_events = 'event_id' in spec_names and 'time' in spec_names -%}
    {%- do tables.update({node.alias: {'name': node.alias, 'kind': kind, 'archived': c['archived_tag'] in node.tags,
        'rows': 0, 'newest_event_time': none, 'of_events': of_events, 'sync_info': none, 'build': none}}) -%}
    {%- do groups['time' if of_events else 'none'].update({node.alias: api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)}) -%}
  {%- endfor -%}
  {%- for group, relations in groups.items() if relations -%}
    {%- for row in run_query(heap_connect.table_counts_query(relations, none, none, 'time' if group == 'time' else none)).rows -%}
      {%- do tables[row[0]].update({'rows': row[1] | int}) -%}
      {%- if group == 'time' %}{% do tables[row[0]].update({'newest_event_time': heap_connect.time_text(row[3])}) %}{% endif -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- if '_sync_info' in found -%}
    {%- set info = found['_sync_info'] -%}
    {%- for row in run_query('select i.event_table_name, i.sync_started, i.sync_ended, i.synced_to_time, i.inserted_row_count from '
        ~ info ~ ' as i join (select event_table_name, max(sync_started) as latest from ' ~ info
        ~ ' group by event_table_name) as l on l.event_table_name = i.event_table_name and l.latest = i.sync_started').rows
        if row[0] in tables -%}
      {%- do tables[row[0]].update({'sync_info': {'sync_started': heap_connect.time_text(row[1]), 'sync_ended': heap_connect.time_text(row[2]),
          'synced_to_time': heap_connect.time_text(row[3]), 'inserted_row_count': none if row[4] is none else row[4] | int}}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- if '_heap_table_builds' in found -%}
    {%- for row in run_query('select table_name, build, sync_started from ' ~ found['_heap_table_builds'] ~ ' order by sync_started').rows
        if row[0] in tables -%}
      {%- do tables[row[0]].update({'build': {'build': row[1], 'sync_started': heap_connect.time_text(row[2])}}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- do log(c['markers']['status'] ~ tojson({'syncs': history, 'tables': tables.values() | list}), info=true) -%}
{%- endmacro %}

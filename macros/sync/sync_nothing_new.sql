{#-
  The sync `heapgen sync` runs before its build: when the project is the one the last sync
  built (`fingerprint`, heapgen.sync.project_fingerprint, equal to _heap_synced_project's),
  that sync succeeded (the newest _sync_history row), no sync is left `running` (one killed:
  a build marks it failed, heap_connect.on_sync_start) and there is nothing new to read
  (heap_connect.nothing_to_read: no raw event or identify arrived, no migration changed, no
  deletion pending), a build would rewrite no row: this records the sync as one that built
  no table (heap_connect.record_sync_info: a _sync_info row per event table, 0 rows
  inserted) and in _sync_history as succeeded, logs every output table's row count
  (heap_connect.output_row_counts) and logs `heap_connect_nothing_new true`; otherwise it logs `heap_connect_nothing_new false`
  and changes nothing (docs/decisions/0024-a-sync-with-nothing-new.md). Then, when the last
  sync built `previous` (heapgen's own record of the project it last synced) and all the
  rest holds, it logs `heap_connect_nothing_to_read true` (else false): heapgen then builds
  only what the files changed since reach (docs/decisions/0045-an-edit-builds-what-it-reaches.md).
  Run as: dbt run-operation sync_nothing_new --args '{fingerprint: ..., previous: ...}'
-#}
{% macro sync_nothing_new(fingerprint, previous=none) -%}
  {%- set markers = heap_connect.heap_connect_sync_contract()['markers'] -%}
  {%- set synced = heap_connect.internal_relation('_heap_synced_project') -%}
  {%- set history = heap_connect.sync_relation('_sync_history') -%}
  {%- set found = [] -%}
  {%- for relation in (synced, history) -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
      {%- do found.append(relation) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set recorded = none -%}
  {%- set settled = false -%}
  {%- if found | length == 2 -%}
    {%- set row = run_query('select (select max(fingerprint) from ' ~ synced ~ '), (select status from ' ~ history
        ~ ' order by start_time desc limit 1), (select count(*) from ' ~ history ~ ' where status = '
        ~ heap_connect.sql_string('running') ~ ')').rows[0] -%}
    {%- set recorded = row[0] -%}
    {%- set settled = row[1] == 'succeeded' and row[2] == 0 -%}
  {%- endif -%}
  {%- set idle = settled and recorded is not none and recorded in (fingerprint, previous) and heap_connect.nothing_to_read() -%}
  {%- if idle and recorded == fingerprint -%}
    {%- set counts = heap_connect.output_row_counts([]) -%}
    {%- do heap_connect.record_sync_info(counts) -%}
    {%- do heap_connect.run_in_transaction(heap_connect.sync_history_insert('succeeded', modules.datetime.datetime.utcnow())) -%}
    {%- do adapter.commit() -%}
    {%- do log(markers['nothing_new'] ~ 'true', info=true) -%}
  {%- else -%}
    {%- do log(markers['nothing_new'] ~ 'false', info=true) -%}
    {%- do log(markers['nothing_to_read'] ~ ('true' if idle else 'false'), info=true) -%}
  {%- endif -%}
{%- endmacro %}

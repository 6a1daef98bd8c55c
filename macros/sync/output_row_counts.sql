{#-
  Logs one line `heap_connect_row_counts {"table": [rows, inserted], ...}` for every model of
  the Heap Connect output schema that exists in the warehouse: its row count, and the rows the
  last sync wrote into it: for the tables in `batch_tables` (built from the batch) the rows of
  the batch's events (sessions: of their sessions; users: of its users, int_user_batch: the
  model's config meta heap_batch), for the others every row; one statement per batch
  (heap_connect.table_row_counts). Returns the counts, an event table's with its newest
  `time` as a third item ([rows, inserted, newest]), so that heap_connect.record_sync_info
  reads no table again (at 1,000 event tables a second pass over their rows cost 0.4-1.5 s
  a sync). A successful sync's on-run-end logs it (heap_connect.on_sync_end) for `heapgen
  sync`'s summary; also run as: dbt run-operation output_row_counts --args '{batch_tables: [...]}'
-#}
{% macro output_row_counts(batch_tables=[]) -%}
  {%- set event_tag = heap_connect.heap_connect_sync_contract()['event_tag'] -%}
  {%- set outputs = heap_connect.output_models() -%}
  {%- set existing = heap_connect.existing_relations(outputs) -%}
  {#- the tables built from the batch, grouped by their batch (config meta heap_batch; an
      event table's: its events in int_event_batch), then every other one; the event tables
      apart, with their newest time -#}
  {%- set groups = {} -%}
  {%- for node in outputs if node.alias | lower in existing -%}
    {%- set spec = node.config.meta.get('heap_batch') or {'key': 'event_id', 'from': 'int_event_batch'} -%}
    {%- set newest = 'time' if event_tag in node.tags else none -%}
    {%- set group = (spec['key'], spec['from'], newest) if node.alias in batch_tables else (none, none, newest) -%}
    {%- do groups.setdefault(group, {}).update({node.alias: api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)}) -%}
  {%- endfor -%}
  {%- set counts = {} -%}
  {%- for group, tables in groups.items() -%}
    {%- set key, batch, newest = group -%}
    {%- set batch = api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.internal_schema(), identifier=batch) if batch else none -%}
    {%- do counts.update(heap_connect.table_row_counts(tables, key, batch, newest)) -%}
  {%- endfor -%}
  {%- set logged = {} -%}
  {%- for name, count in counts.items() %}{% do logged.update({name: count[:2]}) %}{% endfor -%}
  {%- do log(heap_connect.heap_connect_sync_contract()['markers']['row_counts'] ~ tojson(logged), info=true) -%}
  {{ return(counts) }}
{%- endmacro %}

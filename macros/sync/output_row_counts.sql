{#-
  Logs one line `heap_connect_row_counts {"table": [rows, inserted], ...}` for every model of
  the Heap Connect output schema that exists in the warehouse: its row count, and the rows the
  last sync wrote into it: for the tables in `batch_tables` (built from the batch) the rows of
  the batch's events (sessions: of their sessions; users: of its users, int_user_batch: the
  model's config meta heap_batch), for the others every row. A successful
  sync's on-run-end logs it (heap_connect.on_sync_end) for `heapgen sync`'s summary; also
  run as: dbt run-operation output_row_counts --args '{batch_tables: [...]}'
-#}
{% macro output_row_counts(batch_tables=[]) -%}
  {%- set queries = [] -%}
  {%- set outputs = [] -%}
  {%- for node in graph.nodes.values() | sort(attribute='alias')
      if node.resource_type == 'model' and node.config.schema == 'heap_output' -%}
    {%- do outputs.append(node) -%}
  {%- endfor -%}
  {%- set existing = heap_connect.existing_relations(outputs) -%}
  {%- for node in outputs -%}
    {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- if node.alias | lower in existing -%}
      {#- the model's batch (config meta heap_batch); an event table's: its events in int_event_batch -#}
      {%- set spec = node.config.meta.get('heap_batch') or {'key': 'event_id', 'from': 'int_event_batch'} -%}
      {%- set key = spec['key'] -%}
      {%- set batch = api.Relation.create(database=target.database, schema=heap_connect.internal_schema(), identifier=spec['from']) -%}
      {%- set inserted = 'count(*)' if node.alias not in batch_tables else
          'sum(case when ' ~ key ~ ' in (select ' ~ key ~ ' from ' ~ batch ~ ') then 1 else 0 end)' -%}
      {%- do queries.append('select ' ~ heap_connect.sql_string(node.alias) ~ ' as table_name, count(*) as row_count, '
          ~ inserted ~ ' as inserted_count from ' ~ relation) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set counts = {} -%}
  {%- if queries -%}
    {%- for row in run_query(queries | join(' union all ')).rows -%}
      {%- do counts.update({row[0]: [row[1] | int, (row[2] or 0) | int]}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- do log(heap_connect.heap_connect_sync_contract()['markers']['row_counts'] ~ tojson(counts), info=true) -%}
{%- endmacro %}

{#- One _sync_info row per synced event table (archived events are not synced) per sync:
    for a table this sync built, when its model started and ended, its newest event time,
    and the rows it inserted: the batch's rows when it took the batch, every row when it was
    built from all history (heap_connect.build_comment says which). A table the sync did not
    build (heapgen sync leaves out the unchanged ones when there is nothing new to read, or
    a `dbt build --select` left it out) that exists gets a row with 0 rows inserted, its
    newest event time, and the sync's start as both its start and end. -#}
{% macro record_sync_info(results) -%}
  {%- set rows = [] -%}
  {%- set built = {} -%}
  {%- for result in results if result.status == 'success' -%}
    {%- do built.update({result.node.unique_id: result}) -%}
  {%- endfor -%}
  {%- set batch = api.Relation.create(database=target.database, schema=heap_connect.internal_schema(), identifier='int_event_batch') -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- for node in graph.nodes.values()
      if node.resource_type == 'model' and contract['event_tag'] in node.tags and contract['archived_tag'] not in node.tags -%}
    {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- set result = built.get(node.unique_id) -%}
    {%- set inserted = none -%}
    {%- if result is not none -%}
      {%- set timing = result.timing | selectattr('name', 'equalto', 'execute') | list -%}
      {%- set from_batch = (contract['build_comment'] ~ contract['build_batch']) in (result.node.compiled_code or '') -%}
      {%- set started = timing[0].started_at if timing else run_started_at -%}
      {%- set ended = timing[0].completed_at if timing else run_started_at -%}
      {%- set inserted = '(select count(*) from ' ~ relation
          ~ (' where event_id in (select event_id from ' ~ batch ~ ')' if from_batch else '') ~ ')' -%}
    {%- elif adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) is not none -%}
      {%- set started, ended, inserted = run_started_at, run_started_at, '0' -%}
    {%- endif -%}
    {%- if inserted is not none -%}
    {%- do rows.append('select ' ~ heap_connect.sql_string(node.alias) ~ ' as event_table_name, '
        ~ heap_connect.timestamp_literal(started) ~ ' as sync_started, '
        ~ heap_connect.timestamp_literal(ended) ~ ' as sync_ended, '
        ~ '(select max(' ~ heap_connect.quote_column('time') ~ ') from ' ~ relation ~ ') as synced_to_time, '
        ~ 'cast(' ~ inserted ~ ' as ' ~ dbt.type_bigint() ~ ') as inserted_row_count') -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if rows -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_sync_info')
        ~ ' (event_table_name, sync_started, sync_ended, synced_to_time, inserted_row_count) '
        ~ rows | join(' union all ')) -%}
  {%- endif -%}
{%- endmacro %}

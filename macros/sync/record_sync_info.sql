{#- One _sync_info row per synced event table (archived events are not synced) per sync:
    for a table this sync built (heap_connect.event_table_builds), when that started and
    ended, its newest event time, and the rows it inserted: the batch's rows when it took the
    batch, every row when it was built from all history. A table the sync did not build (a
    `dbt build --select` left it out) that exists gets a row with 0 rows inserted, its
    newest event time, and the sync's start as both its start and end. -#}
{% macro record_sync_info(results) -%}
  {%- set rows = [] -%}
  {%- set synced = heap_connect.event_table_builds() -%}
  {%- set batch = api.Relation.create(database=target.database, schema=heap_connect.internal_schema(), identifier='int_event_batch') -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set nodes = [] -%}
  {%- for node in graph.nodes.values()
      if node.resource_type == 'model' and contract['event_tag'] in node.tags and contract['archived_tag'] not in node.tags -%}
    {%- do nodes.append(node) -%}
  {%- endfor -%}
  {#- asked once, not per table: a macro call costs dbt's time, ~1 s per 1,000 -#}
  {%- set existing = heap_connect.existing_relations(nodes | rejectattr('alias', 'in', synced) | list) -%}
  {%- set sync_start = heap_connect.timestamp_literal(run_started_at) -%}
  {%- set time_column = heap_connect.quote_column('time') -%}
  {%- set bigint = dbt.type_bigint() -%}
  {%- for node in nodes -%}
    {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- set build = synced.get(node.alias) -%}
    {%- set inserted = none -%}
    {%- if build is not none -%}
      {%- set started, ended = heap_connect.timestamp_literal(build['started']), heap_connect.timestamp_literal(build['ended']) -%}
      {%- set from_batch = build['build'].startswith(contract['build_batch']) -%}
      {%- set inserted = '(select count(*) from ' ~ relation
          ~ (' where event_id in (select event_id from ' ~ batch ~ ')' if from_batch else '') ~ ')' -%}
    {%- elif node.alias | lower in existing -%}
      {%- set started, ended, inserted = sync_start, sync_start, '0' -%}
    {%- endif -%}
    {%- if inserted is not none -%}
    {%- do rows.append('select ' ~ heap_connect.sql_string(node.alias) ~ ' as event_table_name, '
        ~ started ~ ' as sync_started, ' ~ ended ~ ' as sync_ended, '
        ~ '(select max(' ~ time_column ~ ') from ' ~ relation ~ ') as synced_to_time, '
        ~ 'cast(' ~ inserted ~ ' as ' ~ bigint ~ ') as inserted_row_count') -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if rows -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_sync_info')
        ~ ' (event_table_name, sync_started, sync_ended, synced_to_time, inserted_row_count) '
        ~ rows | join(' union all ')) -%}
  {%- endif -%}
{%- endmacro %}

{#- One _sync_info row per synced event table (archived events are not synced) per sync:
    for a table this sync built (heap_connect.event_table_builds), when that started and
    ended, its newest event time, and the rows it inserted: the batch's rows when it took the
    batch, every row when it was built from all history. A table the sync did not build (a
    `dbt build --select` left it out) that exists gets a row with 0 rows inserted, its
    newest event time, and the sync's start as both its start and end. One statement: the
    counts and newest times in one pass over the tables (heap_connect.table_counts_query),
    not two subqueries per table. -#}
{% macro record_sync_info(results) -%}
  {%- set synced = heap_connect.event_table_builds() -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set nodes = [] -%}
  {%- for node in graph.nodes.values()
      if node.resource_type == 'model' and contract['event_tag'] in node.tags and contract['archived_tag'] not in node.tags -%}
    {%- do nodes.append(node) -%}
  {%- endfor -%}
  {#- asked once, not per table: a macro call costs dbt's time, ~1 s per 1,000 -#}
  {%- set existing = heap_connect.existing_relations(nodes | rejectattr('alias', 'in', synced) | list) -%}
  {%- set sync_start = heap_connect.timestamp_literal(run_started_at) -%}
  {%- set tables = {} -%}
  {%- set rows = [] -%}
  {%- set counted = [] -%}
  {#- what a row counts as inserted: the batch's rows, every row, or none -#}
  {%- for node in nodes -%}
    {%- set build = synced.get(node.alias) -%}
    {%- set row = none -%}
    {%- if build is not none -%}
      {%- set row = [heap_connect.timestamp_literal(build['started']), heap_connect.timestamp_literal(build['ended']),
          'batch' if build['build'].startswith(contract['build_batch']) else 'all'] -%}
    {%- elif node.alias | lower in existing -%}
      {%- set row = [sync_start, sync_start, 'none'] -%}
    {%- endif -%}
    {%- if row is not none -%}
      {%- do tables.update({node.alias: api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)}) -%}
      {%- do rows.append([heap_connect.sql_string(node.alias), row[0], row[1], heap_connect.sql_string(row[2])]) -%}
      {%- do counted.append(row[2]) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if rows -%}
    {#- the batch is read only when a table took it -#}
    {%- set batch = api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.internal_schema(), identifier='int_event_batch')
        if 'batch' in counted else none -%}
    {%- set meta = heap_connect.literal_rows([('event_table_name', dbt.type_string()), ('sync_started', dbt.type_timestamp()),
        ('sync_ended', dbt.type_timestamp()), ('counted', dbt.type_string())], rows) -%}
    {%- set insert -%}
      insert into {{ heap_connect.sync_relation('_sync_info') }}
        (event_table_name, sync_started, sync_ended, synced_to_time, inserted_row_count)
      select m.event_table_name, m.sync_started, m.sync_ended, c.heap_max,
        cast(case m.counted when 'batch' then coalesce(c.heap_written, 0)
          when 'all' then coalesce(c.heap_rows, 0) else 0 end as {{ dbt.type_bigint() }})
      from ({{ meta }}) as m
      left join ({{ heap_connect.table_counts_query(tables, 'event_id', batch, 'time') }}) as c
        on c.heap_table = m.event_table_name
    {%- endset -%}
    {%- do run_query(insert) -%}
  {%- endif -%}
{%- endmacro %}

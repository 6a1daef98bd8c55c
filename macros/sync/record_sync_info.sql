{#- One _sync_info row per synced event table (archived events are not synced) per sync:
    for a table this sync built (heap_connect.event_table_builds), when that started and
    ended, its newest event time, and the rows it inserted: the batch's rows when it took the
    batch, every row when it was built from all history. A table the sync did not build (a
    `dbt build --select` left it out) that exists gets a row with 0 rows inserted, its
    newest event time, and the sync's start as both its start and end. `counts`: every
    existing output table's counts as heap_connect.output_row_counts returns them, called
    with the tables that took the batch ([rows, written, newest] for an event table), so the
    tables are read once a sync; a table missing from them has no row. -#}
{% macro record_sync_info(counts) -%}
  {%- set synced = heap_connect.event_table_builds() -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set sync_start = heap_connect.timestamp_literal(run_started_at) -%}
  {%- set rows = [] -%}
  {%- for node in graph.nodes.values()
      if node.resource_type == 'model' and contract['event_tag'] in node.tags and contract['archived_tag'] not in node.tags -%}
    {%- set build = synced.get(node.alias) -%}
    {%- set count = counts.get(node.alias) -%}
    {%- if build is not none or count is not none -%}
      {%- set rows_, written, newest = count or [0, 0, none] -%}
      {#- what a row counts as inserted: the batch's rows, every row, or none -#}
      {%- if build is none -%}
        {%- set row = [sync_start, sync_start, 0] -%}
      {%- else -%}
        {%- set row = [heap_connect.timestamp_literal(build['started']), heap_connect.timestamp_literal(build['ended']),
            written if build['build'].startswith(contract['build_batch']) else rows_] -%}
      {%- endif -%}
      {%- set newest = heap_connect.time_text(newest) -%}
      {%- do rows.append([heap_connect.sql_string(node.alias), row[0], row[1],
          'null' if newest is none else heap_connect.sql_string(newest), row[2]]) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if rows -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_sync_info')
        ~ ' (event_table_name, sync_started, sync_ended, synced_to_time, inserted_row_count)\n'
        ~ heap_connect.literal_rows([('event_table_name', dbt.type_string()), ('sync_started', dbt.type_timestamp()),
            ('sync_ended', dbt.type_timestamp()), ('synced_to_time', dbt.type_timestamp()), ('inserted_row_count', dbt.type_bigint())], rows)) -%}
  {%- endif -%}
{%- endmacro %}

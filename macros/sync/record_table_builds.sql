{#- Keeps how a successful sync built each output table it built (_heap_table_builds:
    table_name, build, sync_started), for `heapgen status` to read without evaluating
    anything: an event table's build (heap_connect.event_table_builds: `batch...` or
    `rebuild: <reason>`), another incremental model's build comment (heap_connect.build_of),
    `full` for a table or view built whole. A table this sync did not build keeps its row
    from the sync that last did. The new rows are inserted first, then the older rows of
    their tables deleted: a sync stopped in between leaves two rows of a table, and the
    newest is the one read. -#}
{% macro record_table_builds(results) -%}
  {%- set c = heap_connect.heap_connect_sync_contract() -%}
  {%- set builds = {} -%}
  {%- for result in results if result.status == 'success' and result.node.resource_type == 'model'
      and result.node.config.schema == 'heap_output' and c['event_tag'] not in result.node.tags -%}
    {%- do builds.update({result.node.alias: heap_connect.build_of(result.node.compiled_code) or c['build_full']}) -%}
  {%- endfor -%}
  {%- for build in heap_connect.event_table_builds().values() -%}
    {%- do builds.update({build['table']: build['build']}) -%}
  {%- endfor -%}
  {%- if builds -%}
    {%- set relation = heap_connect.internal_relation('_heap_table_builds') -%}
    {%- set started = heap_connect.timestamp_literal(run_started_at) -%}
    {%- set rows = [] -%}
    {%- set names = [] -%}
    {%- for table, build in builds | dictsort -%}
      {%- do rows.append([heap_connect.sql_string(table), heap_connect.sql_string(build), started]) -%}
      {%- do names.append(heap_connect.sql_string(table)) -%}
    {%- endfor -%}
    {%- do run_query('insert into ' ~ relation ~ ' (table_name, build, sync_started)\n'
        ~ heap_connect.literal_rows([('table_name', dbt.type_string()), ('build', dbt.type_string()),
            ('sync_started', dbt.type_timestamp())], rows)) -%}
    {%- do run_query(heap_connect.delete_where(relation, 'table_name in (' ~ names | join(', ') ~ ') and sync_started < ' ~ started)) -%}
  {%- endif -%}
{%- endmacro %}

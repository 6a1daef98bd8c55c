{#-
  on-run-end of a sync: records its outcome in _sync_history (succeeded, or failed with the
  errors of the nodes that failed), logs every output table's row count and rows written
  (heap_connect.output_row_counts), a _sync_info row per event table it built from those
  counts (heap_connect.record_sync_info), how it built each output table
  (heap_connect.record_table_builds), and, after a
  successful sync, drops the event tables that are no longer synced (heap_connect.drop_unsynced_tables)
  and, when every incremental model was built, keeps the user map they now carry
  (heap_connect.snapshot_user_map).
-#}
{% macro on_sync_end(results) -%}
  {%- if heap_connect.is_sync_invocation() -%}
    {%- set errors = [] -%}
    {%- for result in results if result.status in ('error', 'fail', 'runtime error') -%}
      {%- do errors.append(result.node.resource_type ~ ' ' ~ result.node.name ~ ': ' ~ (result.message or result.status)) -%}
    {%- endfor -%}
    {%- set finished = modules.datetime.datetime.utcnow() -%}
    {%- if errors -%}
      {%- set error = errors | join('\n') -%}
      {%- do run_query(heap_connect.set_sync_status('failed', finished, error[:4000], run_started_at)) -%}
    {%- else -%}
      {%- set batch_tables = [] -%}
      {%- set c = heap_connect.heap_connect_sync_contract() -%}
      {%- for result in results if (c['build_comment'] ~ c['build_batch']) in (result.node.compiled_code or '') -%}
        {%- do batch_tables.append(result.node.alias) -%}
      {%- endfor -%}
      {%- for build in heap_connect.event_table_builds().values() if build['build'].startswith(c['build_batch']) -%}
        {%- do batch_tables.append(build['table']) -%}
      {%- endfor -%}
      {%- set counts = heap_connect.output_row_counts(batch_tables) -%}
      {%- do heap_connect.record_sync_info(counts) -%}
      {%- do heap_connect.record_table_builds(results) -%}
      {%- set built = [] -%}
      {%- for result in results if result.status == 'success' -%}{%- do built.append(result.node.unique_id) -%}{%- endfor -%}
      {%- set synced_tables = heap_connect.event_table_builds() -%}
      {%- set incremental = [] -%}
      {%- for node in graph.nodes.values() if node.resource_type == 'model' and (node.config.materialized == 'incremental'
          or (node.config.materialized == 'heap_event_table' and c['archived_tag'] not in node.tags and node.alias not in synced_tables)) -%}
        {%- do incremental.append(node.unique_id) -%}
      {%- endfor -%}
      {%- if incremental | reject('in', built) | list | length == 0 -%}
        {%- do heap_connect.snapshot_user_map() -%}
      {%- endif -%}
      {%- do heap_connect.drop_unsynced_tables(finished) -%}
      {%- do run_query(heap_connect.set_sync_status('succeeded', modules.datetime.datetime.utcnow(), none, run_started_at)) -%}
      {%- do heap_connect.commit_hook_transaction() -%}
    {%- endif -%}
  {%- endif -%}
{%- endmacro %}

{#- One _sync_info row per event table this sync built (archived events are not synced):
    when its model started and ended, its newest event time, and the rows it inserted: the
    batch's rows when it took the batch, every row when it was built from all history
    (heap_connect.build_comment says which). -#}
{% macro record_sync_info(results) -%}
  {%- set rows = [] -%}
  {%- set batch = api.Relation.create(database=target.database, schema=heap_connect.internal_schema(), identifier='int_event_batch') -%}
  {%- for result in results
      if result.node.resource_type == 'model' and 'heap_event' in result.node.tags
      and 'heap_archived' not in result.node.tags and result.status == 'success' -%}
    {%- set timing = result.timing | selectattr('name', 'equalto', 'execute') | list -%}
    {%- set relation = api.Relation.create(database=result.node.database, schema=result.node.schema, identifier=result.node.alias) -%}
    {%- set from_batch = '-- heap_connect build: batch' in (result.node.compiled_code or '') -%}
    {%- do rows.append('select ' ~ heap_connect.sql_string(result.node.alias) ~ ' as event_table_name, '
        ~ heap_connect.timestamp_literal(timing[0].started_at if timing else run_started_at) ~ ' as sync_started, '
        ~ heap_connect.timestamp_literal(timing[0].completed_at if timing else run_started_at) ~ ' as sync_ended, '
        ~ '(select max(' ~ heap_connect.quote_column('time') ~ ') from ' ~ relation ~ ') as synced_to_time, '
        ~ '(select count(*) from ' ~ relation
        ~ (' where event_id in (select event_id from ' ~ batch ~ ')' if from_batch else '')
        ~ ') as inserted_row_count') -%}
  {%- endfor -%}
  {%- if rows -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_sync_info')
        ~ ' (event_table_name, sync_started, sync_ended, synced_to_time, inserted_row_count) '
        ~ rows | join(' union all ')) -%}
  {%- endif -%}
{%- endmacro %}

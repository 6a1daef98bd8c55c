{#- One _sync_info row per event table this sync built (archived events are not synced):
    when its model started and ended, its newest event time, and the rows it inserted (every
    row: each build writes the table whole). -#}
{% macro record_sync_info(results) -%}
  {%- set rows = [] -%}
  {%- for result in results
      if result.node.resource_type == 'model' and 'heap_event' in result.node.tags
      and 'heap_archived' not in result.node.tags and result.status == 'success' -%}
    {%- set timing = result.timing | selectattr('name', 'equalto', 'execute') | list -%}
    {%- set relation = api.Relation.create(database=result.node.database, schema=result.node.schema, identifier=result.node.alias) -%}
    {%- do rows.append('select ' ~ heap_connect.sql_string(result.node.alias) ~ ' as event_table_name, '
        ~ heap_connect.timestamp_literal(timing[0].started_at if timing else run_started_at) ~ ' as sync_started, '
        ~ heap_connect.timestamp_literal(timing[0].completed_at if timing else run_started_at) ~ ' as sync_ended, '
        ~ 'max(' ~ heap_connect.quote_column('time') ~ ') as synced_to_time, '
        ~ 'count(*) as inserted_row_count from ' ~ relation) -%}
  {%- endfor -%}
  {%- if rows -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_sync_info')
        ~ ' (event_table_name, sync_started, sync_ended, synced_to_time, inserted_row_count) '
        ~ rows | join(' union all ')) -%}
  {%- endif -%}
{%- endmacro %}

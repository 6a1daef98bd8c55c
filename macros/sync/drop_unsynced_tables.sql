{#-
  Drops every event table an earlier sync built (it has _sync_info rows) that no model
  builds any more (its event was removed or set to `sync: false`), and records it in
  _dropped_tables. Tables heap_connect never built are never touched. A table already gone
  that was built after its last _dropped_tables row was dropped by a sync killed before it
  could record the drop (on DuckDB, Redshift, Snowflake and BigQuery the drop commits on its
  own): it is recorded now. The view of a segment
  that is gone (removed, renamed, `sync: false`) is dropped, so is the table of an opt-in mart
  turned off (var heap_connect__marts: a model with a sync state that no longer exists, whose
  name is its table's), and the sync state of models that no longer exist is forgotten.
-#}
{% macro drop_unsynced_tables(dropped_at) -%}
  {%- set current = [] -%}
  {%- for node in graph.nodes.values() if node.resource_type == 'model' -%}
    {%- do current.append(node.alias) -%}
  {%- endfor -%}
  {#- each table an earlier sync built, and whether it was built after its last recorded drop -#}
  {%- set known = run_query('select built.event_table_name, case when max(gone.dropped_at) is null'
      ~ ' or max(built.sync_ended) > max(gone.dropped_at) then 1 else 0 end from '
      ~ heap_connect.sync_relation('_sync_info') ~ ' as built left join '
      ~ heap_connect.sync_relation('_dropped_tables') ~ ' as gone'
      ~ ' on gone.event_table_name = built.event_table_name group by built.event_table_name') -%}
  {%- set dropped = [] -%}
  {%- for row in known.rows if row[0] not in current -%}
    {%- set relation = adapter.get_relation(database=heap_connect.target_database(), schema=heap_connect.output_schema(), identifier=row[0]) -%}
    {%- if relation is not none -%}
      {%- do adapter.drop_relation(relation) -%}
      {%- do dropped.append(row[0]) -%}
    {%- elif row[1] == 1 -%}
      {%- do dropped.append(row[0]) -%}
    {%- endif -%}
  {%- endfor -%}
  {#- the sync state of models that are gone: their tables are dropped or rebuilt anew if they
      come back; a segment's view goes with its segment -#}
  {%- set models = [] -%}
  {%- for node in graph.nodes.values() if node.resource_type == 'model' -%}
    {%- do models.append(node.name) -%}
  {%- endfor -%}
  {%- set state = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set prefix = contract['segment_model_prefix'] -%}
  {%- for row in run_query('select model_name from ' ~ state ~ ' where state_hash = ' ~ heap_connect.sql_string(contract['state_view'])).rows
      if row[0] not in models and row[0].startswith(prefix) -%}
    {%- set view = adapter.get_relation(database=heap_connect.target_database(), schema=heap_connect.output_schema(), identifier=row[0][prefix | length:]) -%}
    {%- if view is not none -%}{%- do adapter.drop_relation(view) -%}{%- endif -%}
  {%- endfor -%}
  {%- for row in run_query('select model_name from ' ~ state ~ ' where state_hash <> ' ~ heap_connect.sql_string(contract['state_view'])).rows
      if row[0] not in models and not row[0].startswith(contract['event_model_prefix']) -%}
    {%- set mart = adapter.get_relation(database=heap_connect.target_database(), schema=heap_connect.output_schema(), identifier=row[0]) -%}
    {%- if mart is not none -%}{%- do adapter.drop_relation(mart) -%}{%- endif -%}
  {%- endfor -%}
  {%- set quoted = [] -%}
  {%- for name in models %}{% do quoted.append(heap_connect.sql_string(name)) %}{% endfor -%}
  {%- do run_query(heap_connect.delete_where(state, 'model_name not in (' ~ quoted | join(', ') ~ ')')) -%}
  {%- for name in dropped -%}
    {%- do run_query('insert into ' ~ heap_connect.sync_relation('_dropped_tables') ~ ' (event_table_name, dropped_at) values ('
        ~ heap_connect.sql_string(name) ~ ', ' ~ heap_connect.timestamp_literal(dropped_at) ~ ')') -%}
  {%- endfor -%}
{%- endmacro %}

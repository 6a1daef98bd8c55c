{#-
  Logs one line `heap_connect_sync_state {"states": {"model": "state hash", ...},
  "logic": {"model": "logic hash", ...}, "nothing_to_read": bool, "tables": [...]}`: what
  every incremental model was last built from (_heap_sync_state; {} before the first sync),
  the logic hash of every incremental model now (heap_connect.model_logic_hash), whether a
  sync would find nothing new to read (heap_connect.nothing_to_read), and, only then, which
  event tables with a sync state exist (one relation lookup each).
  `heapgen plan` reads states and logic to say which tables the next sync creates, rebuilds
  or drops; `heapgen sync` reads all of it to leave out the event tables with nothing to do.
  Run as: dbt run-operation sync_states
-#}
{% macro sync_states() -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set logic = {} -%}
  {%- for node in graph.nodes.values()
      if node.resource_type == 'model' and node.package_name == 'heap_connect' and node.config.materialized in ('incremental', 'heap_event_table') -%}
    {%- do logic.update({node.name: heap_connect.model_logic_hash(node.unique_id)}) -%}
  {%- endfor -%}
  {%- set relation = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- set states = {} -%}
  {%- set tables = [] -%}
  {%- set nothing_to_read = false -%}
  {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
    {%- for row in run_query('select model_name, state_hash from ' ~ relation).rows -%}
      {%- do states.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {%- set nothing_to_read = heap_connect.nothing_to_read() -%}
    {%- for node in graph.nodes.values()
        if nothing_to_read and contract['event_tag'] in node.tags and node.name in states
        and adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) is not none -%}
      {%- do tables.append(node.alias | lower) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- do log(contract['markers']['sync_state'] ~ tojson({'states': states, 'logic': logic, 'nothing_to_read': nothing_to_read, 'tables': tables | sort}), info=true) -%}
{%- endmacro %}

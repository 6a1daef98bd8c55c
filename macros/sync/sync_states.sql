{#-
  Logs one line `heap_connect_sync_state {"states": {"model": "state hash", ...},
  "nothing_to_read": bool, "tables": [...]}`: what every incremental model was last built
  from (_heap_sync_state; {} before the first sync), whether a sync would find nothing new
  to read (heap_connect.nothing_to_read), and, only then, which event tables with a sync
  state exist (one relation lookup each).
  `heapgen plan` reads the states to say which tables the next sync creates, rebuilds or
  drops; `heapgen sync` reads all three to leave out the event tables with nothing to do.
  Run as: dbt run-operation sync_states
-#}
{% macro sync_states() -%}
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
        if nothing_to_read and 'heap_event' in node.tags and node.name in states
        and adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) is not none -%}
      {%- do tables.append(node.alias | lower) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- do log('heap_connect_sync_state ' ~ tojson({'states': states, 'nothing_to_read': nothing_to_read, 'tables': tables | sort}), info=true) -%}
{%- endmacro %}

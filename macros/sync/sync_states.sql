{#-
  Logs one line `heap_connect_sync_state {"model": "state hash", ...}`: what every
  incremental model was last built from (_heap_sync_state; {} before the first sync).
  `heapgen plan` reads it to say which tables the next sync creates, rebuilds or drops.
  Run as: dbt run-operation sync_states
-#}
{% macro sync_states() -%}
  {%- set relation = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- set states = {} -%}
  {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
    {%- for row in run_query('select model_name, state_hash from ' ~ relation).rows -%}
      {%- do states.update({row[0]: row[1]}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- do log('heap_connect_sync_state ' ~ tojson(states), info=true) -%}
{%- endmacro %}

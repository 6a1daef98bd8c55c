{#- What _heap_sync_state holds for `model_name`: {state_hash, synced_through}, or none
    when the model was never built by a sync (or while dbt parses). Read once per node
    (heap_connect.node_cache): a model's state row changes only in its own post-hook. -#}
{% macro sync_state(model_name) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return(none) }}{%- endif -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- set key = 'sync_state ' ~ model_name -%}
  {%- if key in cache -%}{{ return(cache[key]) }}{%- endif -%}
  {%- set relation = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- set state = none -%}
  {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
    {%- set rows = run_query('select state_hash, synced_through from ' ~ relation
        ~ ' where model_name = ' ~ heap_connect.sql_string(model_name)).rows -%}
    {%- if rows | length > 0 -%}
      {%- set state = {'state_hash': rows[0][0], 'synced_through': rows[0][1]} -%}
    {%- endif -%}
  {%- endif -%}
  {%- do cache.update({key: state}) -%}
  {{ return(state) }}
{%- endmacro %}

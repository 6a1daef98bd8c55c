{#- What _heap_sync_state holds for `model_name`: {state_hash, synced_through}, or none
    when the model was never built by a sync (or while dbt parses). -#}
{% macro sync_state(model_name) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return(none) }}{%- endif -%}
  {%- set relation = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set rows = run_query('select state_hash, synced_through from ' ~ relation
      ~ ' where model_name = ' ~ heap_connect.sql_string(model_name)).rows -%}
  {{ return({'state_hash': rows[0][0], 'synced_through': rows[0][1]} if rows | length > 0 else none) }}
{%- endmacro %}

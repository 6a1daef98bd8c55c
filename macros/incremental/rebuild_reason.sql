{#-
  Why the current incremental model must be built from all history this sync, or none when
  it takes only the new batch: its table does not exist yet, the sync state has no record
  of it, what it is built from changed (heap_connect.model_state_hash: a definition edit,
  an un-archive), or, for an event table, a property column whose type cannot hold the new
  values (heap_connect.property_type_conflict). Only asks the warehouse while dbt executes.
-#}
{% macro rebuild_reason() -%}
  {%- if not execute or model.config.materialized != 'incremental' or model.package_name != 'heap_connect' -%}
    {{ return(none) }}
  {%- endif -%}
  {%- if heap_connect.is_offline() -%}{{ return('offline compile') }}{%- endif -%}
  {%- set existing = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) -%}
  {%- if existing is none -%}{{ return('new table') }}{%- endif -%}
  {%- if model.name == 'int_events' -%}{{ return(none) }}{%- endif -%}
  {%- set state = heap_connect.sync_state(model.name) -%}
  {%- if state is none -%}{{ return('no sync state') }}{%- endif -%}
  {%- set wanted = heap_connect.model_state_hash() -%}
  {%- if model.name == 'int_events_labeled' -%}{{ return(none) }}{%- endif -%}
  {%- if state['state_hash'] != wanted -%}
    {%- if state['state_hash'] == 'archived' -%}{{ return('un-archived') }}{%- endif -%}
    {%- if wanted == 'archived' -%}{{ return(none) }}{%- endif -%}
    {%- if state['state_hash'].split('|')[0] == wanted.split('|')[0] -%}{{ return('defined properties changed') }}{%- endif -%}
    {{ return('definition changed') }}
  {%- endif -%}
  {%- if 'heap_event' in model.tags and wanted != 'archived' -%}
    {%- set conflict = heap_connect.property_type_conflict(model.alias) -%}
    {%- if conflict -%}{{ return(conflict) }}{%- endif -%}
  {%- endif -%}
  {{ return(none) }}
{%- endmacro %}

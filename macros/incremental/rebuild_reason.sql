{#-
  Why the current incremental model must be built from all history this sync, or none when
  it takes only the new batch: its table does not exist yet, the sync state has no record
  of it, what it is built from changed (heap_connect.model_state_hash: a definition edit,
  an un-archive), or, for an event table or `users`, a property column whose type cannot hold
  the new values (heap_connect.column_type_conflict), or rows of deleted users removed from it
  this sync (its property columns then follow the rows left). Only asks the warehouse while dbt executes,
  and once per node (heap_connect.node_cache): the model's SQL, its build comment, its
  pre-hook and the materialization all ask.
-#}
{% macro rebuild_reason() -%}
  {%- if not execute or model.config.materialized != 'incremental' or model.package_name != 'heap_connect' -%}
    {{ return(none) }}
  {%- endif -%}
  {%- if heap_connect.is_offline() -%}{{ return('offline compile') }}{%- endif -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- if 'rebuild_reason' in cache -%}{{ return(cache['rebuild_reason']) }}{%- endif -%}
  {%- set reason = none -%}
  {%- set existing = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) -%}
  {%- if existing is none -%}
    {%- set reason = 'new table' -%}
  {%- elif model.name != 'int_events' -%}
    {%- set state = heap_connect.sync_state(model.name) -%}
    {%- if state is none -%}
      {%- set reason = 'no sync state' -%}
    {%- elif model.name != 'int_events_labeled' -%}
      {%- set wanted = heap_connect.model_state_hash() -%}
      {%- if state['state_hash'] != wanted -%}
        {%- if state['state_hash'] == 'archived' -%}
          {%- set reason = 'un-archived' -%}
        {%- elif wanted == 'archived' -%}
          {%- set reason = none -%}
        {%- elif state['state_hash'].split('|')[0] == wanted.split('|')[0] -%}
          {%- set reason = 'defined properties changed' -%}
        {%- else -%}
          {%- set reason = 'definition changed' -%}
        {%- endif -%}
      {%- elif 'heap_event' in model.tags and wanted != 'archived' -%}
        {%- set reason = heap_connect.property_type_conflict(model.alias) or none -%}
        {%- if reason is none and heap_connect.rows_deleted_this_sync(this) -%}
          {%- set reason = 'users deleted' -%}
        {%- endif -%}
      {%- elif model.name == 'users' -%}
        {%- set reason = heap_connect.column_type_conflict(heap_connect.users_property_columns(true)['read']) -%}
        {%- if reason is none and heap_connect.rows_deleted_this_sync(this) -%}
          {%- set reason = 'users deleted' -%}
        {%- endif -%}
      {%- endif -%}
    {%- endif -%}
  {%- endif -%}
  {%- do cache.update({'rebuild_reason': reason}) -%}
  {{ return(reason) }}
{%- endmacro %}

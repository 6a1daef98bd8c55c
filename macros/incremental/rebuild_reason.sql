{#-
  Why the current incremental model must be built from all history this sync, or none when
  it takes only the new batch: its table does not exist yet, the sync state has no record
  of it, what it is built from changed (heap_connect.model_state_hash: a definition edit,
  an un-archive). Event tables have their own (heap_connect.event_table_rebuild_reason). Only asks the warehouse while dbt executes,
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
      {%- endif -%}
    {%- endif -%}
  {%- endif -%}
  {%- do cache.update({'rebuild_reason': reason}) -%}
  {{ return(reason) }}
{%- endmacro %}

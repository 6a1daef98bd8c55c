{#-
  Why the current incremental model must be built from all history this sync, or none when
  it takes only the new batch: its table does not exist yet, the sync state has no record
  of it, what it is built from changed (heap_connect.model_state_hash, heap_connect.state_change:
  a definition edit, a change of heap_connect's logic that reaches it; only its logic for a
  model whose policy says so, heap_connect.sync_policy), or, for the model that carries the
  user property columns (`users`), a property column whose type cannot hold the batch's
  values (heap_connect.column_type_conflict) or rows of deleted users removed from it this
  sync; for a model that copies another table's columns (an opt-in mart), that table's
  columns changed (heap_connect.copied_columns_change). Event tables have their own
  (heap_connect.event_table_rebuild_reason). Only asks the warehouse while dbt executes,
  and once per node (heap_connect.node_cache): the model's SQL, its build comment, its
  pre-hook and the materialization all ask.
-#}
{% macro rebuild_reason() -%}
  {%- if not execute or model.config.materialized != 'incremental' or model.package_name != 'heap_connect' -%}
    {{ return(none) }}
  {%- endif -%}
  {%- if heap_connect.is_offline() -%}{{ return(heap_connect.heap_connect_sync_contract()['reasons']['offline']) }}{%- endif -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- if 'rebuild_reason' in cache -%}{{ return(cache['rebuild_reason']) }}{%- endif -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set policy = heap_connect.sync_policy() -%}
  {%- set reason = none -%}
  {%- set existing = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) -%}
  {%- if existing is none -%}
    {%- set reason = contract['reasons']['new_table'] -%}
  {%- else -%}
    {%- set state = heap_connect.sync_state(model.name) -%}
    {%- set wanted = heap_connect.model_state_hash() -%}
    {%- if state is none -%}
      {#- a model that reads the raw tables holds what was read: without a state it reads on from what it holds -#}
      {%- if policy['reads'] != 'raw' -%}{%- set reason = contract['reasons']['no_sync_state'] -%}{%- endif -%}
    {%- elif policy['rebuilt_by'] == 'logic' -%}
      {#- a new or changed label is tagged again (heap_connect.retagged_labels): only its logic rebuilds it -#}
      {%- if heap_connect.state_parts(state['state_hash'])['logic'] != heap_connect.state_parts(wanted)['logic'] -%}
        {%- set reason = contract['reasons']['logic_changed'] -%}
      {%- endif -%}
    {%- else -%}
      {%- set reason = heap_connect.state_change(state['state_hash'], wanted) -%}
      {%- if reason is none and policy['property_columns'] == 'user' -%}
        {%- set reason = heap_connect.column_type_conflict(this, heap_connect.prior_columns(), heap_connect.users_property_columns(true)['read']) -%}
        {%- if reason is none and heap_connect.rows_deleted_this_sync(this) -%}
          {%- set reason = contract['reasons']['users_deleted'] -%}
        {%- endif -%}
      {%- endif -%}
      {%- if reason is none and policy['copies'] -%}
        {%- set reason = heap_connect.copied_columns_change() -%}
      {%- endif -%}
    {%- endif -%}
  {%- endif -%}
  {%- do cache.update({'rebuild_reason': reason}) -%}
  {{ return(reason) }}
{%- endmacro %}

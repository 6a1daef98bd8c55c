{#-
  The post-hooks of every model (`step` delete, then insert): for an incremental one,
  record in _heap_sync_state what it was built from (heap_connect.model_state_hash) and
  the newest synced_at of int_events it has taken in (int_events itself: its own newest). They run in the model's transaction
  where the warehouse has one, so a model and its state change together; where it does not
  (BigQuery), a model whose state lags is given the same batch again at the next sync, which
  its delete-then-insert makes harmless. A segment view is recorded too (state `view`), so
  a sync can drop it once its segment is gone. Anything else: no statement.
-#}
{% macro save_sync_state(step) -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set segment = contract['segment_tag'] in model.tags -%}
  {%- if model.config.materialized != 'incremental' and not segment -%}{{ return('') }}{%- endif -%}
  {%- set state = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- if step == 'delete' -%}
  {{ heap_connect.delete_where(state, 'model_name = ' ~ heap_connect.sql_string(model.name)) }}
  {%- else -%}
  insert into {{ state }} (model_name, state_hash, synced_through, updated_at)
  select
    {{ heap_connect.sql_string(model.name) }},
    {{ heap_connect.sql_string(contract['state_view'] if segment else heap_connect.model_state_hash()) }},
    max(synced_at),
    {{ heap_connect.timestamp_literal(run_started_at) }}
  from {{ heap_connect.internal_relation('int_events') }}
  {%- endif -%}
{%- endmacro %}

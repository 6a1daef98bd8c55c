{#-
  What the current model is built from, as one string (heap_connect.state_hash,
  `own|properties|logic`): when it changes, the model's table is rebuilt from all history
  (heap_connect.rebuild_reason says which part changed). Own: int_events_labeled's tagged labels with their hashes, any other model its
  `heap_state_hash` meta, else `v1`; properties: the event-scope defined properties of
  pageviews and sessions (users: the user-scope ones); logic: heap_connect.model_logic_hash. An event table's:
  heap_connect.event_table_state_hash.
-#}
{% macro model_state_hash() -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set properties = '' -%}
  {%- if contract['event_tag'] in model.tags -%}
    {{ return(heap_connect.event_table_state_hash(heap_connect.labeled_event(model.alias))) }}
  {%- elif model.name == 'int_events_labeled' -%}
    {%- set own = heap_connect.label_hashes(heap_connect.synced_labels()) -%}
  {%- else -%}
    {%- set own = model.config.meta.get('heap_state_hash', contract['state_default_own']) -%}
    {%- if model.name in ('sessions', 'pageviews') -%}
      {%- set properties = heap_connect.defined_properties_hash('event') -%}
    {%- elif model.name == 'users' -%}
      {%- set properties = heap_connect.defined_properties_hash('user') -%}
    {%- endif -%}
  {%- endif -%}
  {{ return(heap_connect.state_hash(own, properties, heap_connect.model_logic_hash())) }}
{%- endmacro %}

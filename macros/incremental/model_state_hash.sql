{#-
  What the current model is built from, as one string (heap_connect.state_hash,
  `own|properties|logic`): when it changes, the model's table is rebuilt from all history
  (heap_connect.rebuild_reason says which part changed). What goes in is the model's sync
  policy, declared in its config (meta heap_state, heap_connect.sync_policy): own is the
  synced labels with their hashes when it declares `from: [labels]`, else its
  `heap_state_hash` meta, else `v1`; properties the event-scope defined properties
  (`from: [event_properties]`) or the user-scope ones (`user_properties`), both joined by the
  label separator for a model built from both (users_enhanced), else ''; logic
  heap_connect.model_logic_hash. An event table's: heap_connect.event_table_state_hash.
-#}
{% macro model_state_hash() -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- if contract['event_tag'] in model.tags -%}
    {{ return(heap_connect.event_table_state_hash(heap_connect.labeled_event(model.alias))) }}
  {%- endif -%}
  {%- set built_from = heap_connect.sync_policy()['from'] -%}
  {%- if 'labels' in built_from -%}
    {%- set own = heap_connect.label_hashes(heap_connect.synced_labels()) -%}
  {%- else -%}
    {%- set own = model.config.meta.get('heap_state_hash', contract['state_default_own']) -%}
  {%- endif -%}
  {%- set scoped = [] -%}
  {%- for scope in ('event', 'user') if scope ~ '_properties' in built_from -%}
    {%- do scoped.append(heap_connect.defined_properties_hash(scope)) -%}
  {%- endfor -%}
  {%- set properties = scoped | join(contract['label_separator']) -%}
  {{ return(heap_connect.state_hash(own, properties, heap_connect.model_logic_hash())) }}
{%- endmacro %}

{#- What a labeled event's table is built from, as its sync state records it
    (heap_connect.state_hash, `own|properties|logic`): its definition's hash, the event-scope
    defined properties' hash, and the logic hash of its model (heap_connect.model_logic_hash:
    the macros that build it); `archived` while archived (un-archiving then rebuilds it). -#}
{% macro event_table_state_hash(label) -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- if label['archived'] -%}{{ return(contract['state_archived']) }}{%- endif -%}
  {{ return(heap_connect.state_hash(label['definition_hash'], heap_connect.defined_properties_hash('event'),
      heap_connect.model_logic_hash('model.heap_connect.' ~ heap_connect.event_model_name(label['label_id'])))) }}
{%- endmacro %}

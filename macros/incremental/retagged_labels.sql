{#- The labels int_events_labeled must tag in all history this sync (new, or their
    definition changed since it last ran: `changed`) and the ones it holds tags of that no
    longer exist (`removed`), from its sync state. Both empty when it is built from scratch. -#}
{% macro retagged_labels() -%}
  {%- set state = heap_connect.sync_state(model.name) -%}
  {%- set held = heap_connect.label_hashes(heap_connect.state_parts(state['state_hash'])['own'] if state else '', parse=true) -%}
  {%- set changed = [] -%}
  {%- set current = [] -%}
  {%- for label in heap_connect.synced_labels() -%}
    {%- do current.append(label['label_id']) -%}
    {%- if held.get(label['label_id']) != label['definition_hash'] -%}{%- do changed.append(label) -%}{%- endif -%}
  {%- endfor -%}
  {%- set removed = [] -%}
  {%- for label_id in held if label_id not in current -%}{%- do removed.append(label_id) -%}{%- endfor -%}
  {{ return({'changed': changed, 'removed': removed}) }}
{%- endmacro %}

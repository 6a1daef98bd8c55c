{#- `labels` as one string `label_id:definition_hash;...` (sorted), and back: with
    `parse=true` a state string's own part (heap_connect.state_parts) gives
    {label_id: definition_hash}. Separators: heap_connect_sync_contract. -#}
{% macro label_hashes(labels, parse=false) -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- if parse -%}
    {%- set hashes = {} -%}
    {%- for item in (labels or '').split(contract['label_separator']) if contract['hash_separator'] in item -%}
      {%- set parts = item.split(contract['hash_separator']) -%}
      {%- do hashes.update({parts[0]: parts[1]}) -%}
    {%- endfor -%}
    {{ return(hashes) }}
  {%- endif -%}
  {%- set items = [] -%}
  {%- for label in labels -%}
    {%- do items.append(label['label_id'] ~ contract['hash_separator'] ~ label['definition_hash']) -%}
  {%- endfor -%}
  {{ return(items | sort | join(contract['label_separator'])) }}
{%- endmacro %}

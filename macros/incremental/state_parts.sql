{#- The parts of a state hash, {own, properties, logic}: a state written before the logic
    hash existed has no logic (none) and maybe no properties (''), so its model is rebuilt
    once, `logic changed` (heapgen.contract.parse_state reads the same). -#}
{% macro state_parts(state) -%}
  {%- set parts = state.split(heap_connect.heap_connect_sync_contract()['state_separator']) -%}
  {{ return({'own': parts[0], 'properties': parts[1] if parts | length > 1 else '', 'logic': parts[2] if parts | length > 2 else none}) }}
{%- endmacro %}

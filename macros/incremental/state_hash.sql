{#- An incremental model's state hash from its parts, `own|properties|logic`
    (heap_connect_sync_contract; heapgen.contract.state_hash is the same format). -#}
{% macro state_hash(own, properties, logic) -%}
  {{ return([own, properties, logic] | join(heap_connect.heap_connect_sync_contract()['state_separator'])) }}
{%- endmacro %}

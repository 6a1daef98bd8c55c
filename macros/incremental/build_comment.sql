{#- A SQL comment saying how the current incremental model is built this sync: from all
    history (`rebuild: <reason>`, heap_connect.rebuild_reason) or from the batch (`batch`;
    `batch, columns reordered: <why>` for an event table copied into a full build's column
    order with it, heap_connect.event_table_plan).
    heapgen sync's summary (heapgen.contract.build_of) and _sync_info read it back from the
    compiled code; the strings are heap_connect_sync_contract's. Given a `reason` or a
    `reorder` ('' for none), the comment for them (tests/python/test_contract.py). -#}
{% macro build_comment(reason=none, reorder=none) -%}
  {%- if reason is none and reorder is none -%}
    {%- set reason = heap_connect.rebuild_reason() -%}
    {%- set reorder = heap_connect.model_column_order_change() -%}
  {%- endif -%}
  {%- set c = heap_connect.heap_connect_sync_contract() -%}
  {{ c['build_comment'] ~ (c['build_rebuild'] ~ reason if reason is not none else c['build_batch'] ~ (c['build_reordered'] ~ reorder if reorder else '')) }}
{%- endmacro %}

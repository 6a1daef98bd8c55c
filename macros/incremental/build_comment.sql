{#- A SQL comment saying how the current incremental model is built this sync: from all
    history (`rebuild: <reason>`, heap_connect.rebuild_reason) or from the batch (`batch`;
    `batch, columns reordered: <why>` when the table is copied into a full build's column
    order with it, heap_connect.column_order_change).
    heapgen sync's summary and _sync_info read it back from the compiled code. -#}
{% macro build_comment() -%}
  {%- set reason = heap_connect.rebuild_reason() -%}
  {%- set reorder = heap_connect.column_order_change() -%}
  -- heap_connect build: {{ 'rebuild: ' ~ reason if reason is not none else 'batch' ~ (', columns reordered: ' ~ reorder if reorder else '') }}
{%- endmacro %}

{#- A SQL comment saying how the current incremental model is built this sync: from all
    history (`rebuild: <reason>`, heap_connect.rebuild_reason) or from the batch (`batch`).
    heapgen sync's summary and _sync_info read it back from the compiled code. -#}
{% macro build_comment() -%}
  {%- set reason = heap_connect.rebuild_reason() -%}
  -- heap_connect build: {{ 'batch' if reason is none else 'rebuild: ' ~ reason }}
{%- endmacro %}

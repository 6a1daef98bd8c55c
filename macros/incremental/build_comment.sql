{#- A SQL comment saying how the current incremental model is built this sync: from all
    history (`rebuild: <reason>`, heap_connect.rebuild_reason) or from the batch (`batch`).
    heapgen sync's summary reads it back from the compiled code (an event table's build is
    logged by heap_connect.apply_event_tables). -#}
{% macro build_comment() -%}
  {%- set reason = heap_connect.rebuild_reason() -%}
  -- heap_connect build: {{ 'rebuild: ' ~ reason if reason is not none else 'batch' }}
{%- endmacro %}

{#- The dbt model of the labeled event whose table is `label_id` (heapgen.contract.EVENT_MODEL_PREFIX). -#}
{% macro event_model_name(label_id) -%}
  {{ return(heap_connect.heap_connect_sync_contract()['event_model_prefix'] ~ label_id) }}
{%- endmacro %}

{#- The dbt model of the labeled event whose table is `label_id` (heapgen.naming.EVENT_MODEL_PREFIX). -#}
{% macro event_model_name(label_id) -%}
  {{ return('heap_event__' ~ label_id) }}
{%- endmacro %}

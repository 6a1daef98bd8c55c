{#- Pre-hook of int_events_labeled, after heap_connect.delete_batch_rows: deletes the tags
    of the labels tagged again in all history this sync and of the labels that are gone
    (heap_connect.retagged_labels). -#}
{% macro delete_retagged_labels() -%}
  {%- if is_incremental() -%}
    {%- set retag = heap_connect.retagged_labels() -%}
    {%- set label_ids = retag['removed'] -%}
    {%- for label in retag['changed'] %}{% do label_ids.append(label['label_id']) %}{% endfor -%}
    {%- if label_ids -%}
    {%- set quoted = [] -%}
    {%- for label_id in label_ids %}{% do quoted.append(heap_connect.sql_string(label_id)) %}{% endfor -%}
  {{ heap_connect.delete_where(this, 'label_id in (' ~ quoted | join(', ') ~ ')', config.get('partition_by')) }}
    {%- endif -%}
  {%- endif -%}
{%- endmacro %}

{#- One labeled event of the generated heap_connect_labels, by its table name (looked up in
    a dict made once per invocation: a thousand models each scanning a thousand labels
    would cost seconds). -#}
{% macro labeled_event(label_id) -%}
  {%- set cache = heap_connect.invocation_cache() -%}
  {%- if 'labels_by_id' not in cache -%}
    {%- set labels = {} -%}
    {%- for label in heap_connect.labels() %}{% do labels.update({label['label_id']: label}) %}{% endfor -%}
    {%- do cache.update({'labels_by_id': labels}) -%}
  {%- endif -%}
  {%- if label_id not in cache['labels_by_id'] -%}
    {{ exceptions.raise_compiler_error("no labeled event with table '" ~ label_id ~ "': run heapgen generate") }}
  {%- endif -%}
  {{ return(cache['labels_by_id'][label_id]) }}
{%- endmacro %}

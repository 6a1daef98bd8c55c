{#- The labeled events that have a table (sync: true), from the generated heap_connect_labels. -#}
{% macro synced_labels() -%}
  {%- set labels = [] -%}
  {%- for label in heap_connect.labels() if label['sync'] -%}
    {%- do labels.append(label) -%}
  {%- endfor -%}
  {{ return(labels) }}
{%- endmacro %}

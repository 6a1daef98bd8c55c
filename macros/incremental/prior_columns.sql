{#- The columns of the current model's table as this sync found it, before the model is
    built (adapter.get_columns_in_relation(this)), read once per node
    (heap_connect.node_cache): an event table's type check and its column list both ask. -#}
{% macro prior_columns() -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- if 'prior_columns' not in cache -%}
    {%- do cache.update({'prior_columns': adapter.get_columns_in_relation(this)}) -%}
  {%- endif -%}
  {{ return(cache['prior_columns']) }}
{%- endmacro %}

{#- The models of the Heap Connect output schema (config schema heap_output: the
    hand-written tables, the event tables, segment views and all_events), by alias. -#}
{% macro output_models() -%}
  {%- set outputs = [] -%}
  {%- for node in graph.nodes.values() | sort(attribute='alias')
      if node.resource_type == 'model' and node.config.schema == 'heap_output' -%}
    {%- do outputs.append(node) -%}
  {%- endfor -%}
  {{ return(outputs) }}
{%- endmacro %}

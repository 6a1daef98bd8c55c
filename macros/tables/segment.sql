{#- One segment of the generated heap_connect_segments, by its view name. -#}
{% macro segment(segment_id) -%}
  {%- for segment in heap_connect.heap_connect_segments() if segment['segment_id'] == segment_id -%}
    {{ return(segment) }}
  {%- endfor -%}
  {{ exceptions.raise_compiler_error("no segment with view '" ~ segment_id ~ "': run heapgen generate") }}
{%- endmacro %}

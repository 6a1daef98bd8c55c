{#- What a model's compiled code says of how it was built (heap_connect.build_comment):
    `batch[, columns reordered: <why>]` or `rebuild: <reason>`; none when it carries no build
    comment. heapgen.contract.build_of reads the same (tests/python/test_contract.py). -#}
{% macro build_of(compiled_code) -%}
  {%- set start = heap_connect.heap_connect_sync_contract()['build_comment'] -%}
  {%- if start not in (compiled_code or '') -%}{{ return(none) }}{%- endif -%}
  {%- set build = compiled_code.split(start, 1)[1].split('\n', 1)[0].strip() -%}
  {{ return(build if build else none) }}
{%- endmacro %}

{#-
  The key="value" pairs of one elements_chain element (a SQL expression of text), in order,
  values unescaped (\" read as "): the keys follow the element's head (tag and classes, up to
  the first `:` that starts a `key=`). Shared by posthog_hierarchy and posthog_chain_value;
  generator/heapgen/posthog.py states the same rule (element_attributes).
-#}
{% macro posthog_chain_pairs(element) -%}
  {{ return(adapter.dispatch('posthog_chain_pairs', 'heap_connect')(element)) }}
{%- endmacro %}

{% macro default__posthog_chain_pairs(element) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_chain_pairs has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# A list of (key, value) tuples. https://duckdb.org/docs/stable/sql/functions/list #}
{% macro duckdb__posthog_chain_pairs(element) -%}
  {%- set rest = 'substr(' ~ element ~ ', length(' ~ heap_connect.posthog_element_head(element) ~ ') + 1)' -%}
  list_zip(
    regexp_extract_all({{ rest }}, '([a-zA-Z0-9_-]+)="(?:[^"\\]|\\.)*"', 1),
    list_transform(regexp_extract_all({{ rest }}, '[a-zA-Z0-9_-]+="((?:[^"\\]|\\.)*)"', 1),
      lambda v: replace(v, '\"', '"'))
  )
{%- endmacro %}

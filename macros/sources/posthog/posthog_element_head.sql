{#-
  The head of one elements_chain element (a SQL expression of text): its tag and classes,
  everything up to the first `:` that starts a `key=` (PostHog's splitClassAttributes;
  generator/heapgen/posthog.py, ELEMENT_HEAD).
-#}
{% macro posthog_element_head(element) -%}
  {{ return(adapter.dispatch('posthog_element_head', 'heap_connect')(element)) }}
{%- endmacro %}

{% macro default__posthog_element_head(element) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_element_head has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# RE2's lazy quantifier. https://duckdb.org/docs/stable/sql/functions/regular_expressions #}
{% macro duckdb__posthog_element_head(element) -%}
  regexp_extract({{ element }}, '^(.*?)(?::[a-zA-Z0-9_-]*=|$)', 1)
{%- endmacro %}

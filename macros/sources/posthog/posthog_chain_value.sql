{#-
  The value of `key` (a Python string: href, text, attr__href, ...) on the clicked element of
  an elements_chain (its first element); null when the chain is empty or the element has no
  such key. generator/heapgen/posthog.py states the same rule (chain_value).
-#}
{% macro posthog_chain_value(chain, key) -%}
  {{ return(adapter.dispatch('posthog_chain_value', 'heap_connect')(chain, key)) }}
{%- endmacro %}

{% macro default__posthog_chain_value(chain, key) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_chain_value has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# regexp_extract gives the first element ('' for none, which has no pairs). #}
{% macro duckdb__posthog_chain_value(chain, key) -%}
  list_filter(
    {{ heap_connect.posthog_chain_pairs("regexp_extract(" ~ chain ~ ", '(?:[^\\s;\"]|\"(?:[^\"\\\\]|\\\\.)*\")+')") }},
    lambda pair: pair[1] = {{ heap_connect.sql_string(key) }}
  )[1][2]
{%- endmacro %}

{#-
  Heap's `hierarchy` (root first, `tag#id.class[name=value]` joined by ` > `) of PostHog's
  autocapture `elements_chain` (clicked element first). The rule, and why each part is kept
  or left out, is stated once in generator/heapgen/posthog.py, which the tests compare with
  this SQL on a matrix of chains. Null for a null or empty chain.
-#}
{% macro posthog_hierarchy(chain) -%}
  {{ return(adapter.dispatch('posthog_hierarchy', 'heap_connect')(chain)) }}
{%- endmacro %}

{% macro default__posthog_hierarchy(chain) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_hierarchy has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# List functions and lambdas (https://duckdb.org/docs/stable/sql/functions/list), one chain
   element at a time; a one-item list binds an element's head (`x.h`: tag and classes) and
   its (key, value) pairs (`x.p`) to names. #}
{% macro duckdb__posthog_hierarchy(chain) -%}
  nullif(array_to_string(list_reverse(list_transform(
    regexp_extract_all({{ chain }}, '(?:[^\s;"]|"(?:[^"\\]|\\.)*")+'),
    lambda element: list_transform(
      [{'h': {{ heap_connect.posthog_element_head('element') }}, 'p': {{ heap_connect.posthog_chain_pairs('element') }}}],
      lambda x: split_part(x.h, '.', 1)
        || coalesce('#' || list_filter(
             [coalesce(list_filter(x.p, lambda a: a[1] = 'attr__id')[1][2],
                       list_filter(x.p, lambda a: a[1] = 'attr_id')[1][2])],
             lambda id: id <> '' and not regexp_matches(id, '[ #.\[]'))[1], '')
        || array_to_string(list_transform(
             list_filter((string_split(x.h, '.'))[2:], lambda c: c <> '' and not regexp_matches(c, '[ #\[]')),
             lambda c: '.' || c), '')
        || array_to_string(list_transform(
             list_filter(x.p, lambda a: starts_with(a[1], 'attr__') and length(a[1]) > 6
               and a[1] not in ('attr__id', 'attr__class')),
             lambda a: '[' || substr(a[1], 7)
               || case when regexp_matches(a[2], '[\] \t\n\r\f\v]') then '' else '=' || a[2] end
               || ']'), '')
    )[1]
  )), ' > '), '')
{%- endmacro %}

{#-
  The first value (unescaped) of `key` (a Python string: href, text, attr__id, ...) among the
  key="value" pairs of one elements_chain element (a SQL expression of text); null when the
  element is null or has no such key. generator/heapgen/posthog.py states the same rule
  (element_attributes). Read by posthog_chain_value and, on Redshift, posthog_hierarchy.
-#}
{% macro posthog_element_value(element, key) -%}
  {{ return(adapter.dispatch('posthog_element_value', 'heap_connect')(element, key)) }}
{%- endmacro %}

{% macro default__posthog_element_value(element, key) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_element_value has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# https://duckdb.org/docs/stable/sql/functions/list#list_filterlist-lambda #}
{% macro duckdb__posthog_element_value(element, key) -%}
  list_filter(
    {{ heap_connect.posthog_chain_pairs(element) }},
    lambda pair: pair[1] = {{ heap_connect.sql_string(key) }}
  )[1][2]
{%- endmacro %}

{# The pairs' derived table (posthog_chain_pairs), its first row of that key.
   https://www.postgresql.org/docs/current/queries-limit.html #}
{% macro postgres__posthog_element_value(element, key) -%}
  (select pair.value from {{ heap_connect.posthog_chain_pairs(element) }} as pair
    where pair.key = {{ heap_connect.sql_string(key) }} order by pair.position limit 1)
{%- endmacro %}

{# No arrays of text on Redshift: one PCRE pattern (REGEXP_SUBSTR's `p`, `e` for its group)
   steps from the start of the element's pairs over whole pairs, or one character where no
   pair starts (as a scan for pairs does), lazily, up to the first pair of `key`; REGEXP_INSTR
   tells an empty value from none. The part after the head is the element without what
   posthog_element_head matches (`^.*?` up to the first `:key=`; '' across a line break).
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_INSTR.html
   The Redshift stand-in (PostgreSQL) runs the PostgreSQL form. #}
{% macro redshift__posthog_element_value(element, key) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__posthog_element_value(element, key)) }}
  {%- endif -%}
  {%- if not modules.re.fullmatch('[a-zA-Z0-9_-]+', key) -%}
    {{ exceptions.raise_compiler_error("heap_connect.posthog_element_value: key " ~ key ~ " is not a chain key") }}
  {%- endif -%}
  {%- set pair %}[a-zA-Z0-9_-]+="(?:[^"\\]|\\.)*"{% endset -%}
  {%- set pattern %}^(?:{{ pair }}|(?!{{ pair }})[\s\S])*?{{ key }}="((?:[^"\\]|\\.)*)"{% endset -%}
  {%- set rest -%}
    regexp_replace({{ element }}, {{ heap_connect.sql_string('^.*?(?=:[a-zA-Z0-9_-]*=|$)') }}, '', 1, 'p')
  {%- endset -%}
  case when regexp_instr({{ rest }}, {{ heap_connect.sql_string(pattern) }}, 1, 1, 0, 'p') > 0
    then replace(regexp_substr({{ rest }}, {{ heap_connect.sql_string(pattern) }}, 1, 1, 'pe'), {{ heap_connect.sql_string('\\"') }}, '"') end
{%- endmacro %}

{# The pairs' texts (posthog_chain_pairs) that start with `key="`, read as values; the first
   ([0] of an empty ARRAY is NULL). A one-item ARRAY binds the element to a lambda's argument,
   so that its expression is written once.
   https://docs.snowflake.com/en/sql-reference/functions/filter
   https://docs.snowflake.com/en/sql-reference/functions/transform #}
{% macro snowflake__posthog_element_value(element, key) -%}
  transform([{{ element }}], element_text varchar -> transform(
    filter({{ heap_connect.posthog_chain_pairs('element_text') }}, pair -> startswith(pair::varchar, {{ heap_connect.sql_string(key ~ '="') }})),
    pair -> {{ heap_connect.posthog_pair_value('pair::varchar') }}
  )[0])[0]::varchar
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#limit_and_offset_clause #}
{% macro bigquery__posthog_element_value(element, key) -%}
  (select pair.value from {{ heap_connect.posthog_chain_pairs(element) }} as pair
    where pair.key = {{ heap_connect.sql_string(key) }} order by pair.position limit 1)
{%- endmacro %}

{#-
  The head of one elements_chain element (a SQL expression of text): its tag and classes,
  everything up to the first `:` that starts a `key=` (PostHog's splitClassAttributes;
  generator/heapgen/posthog.py, ELEMENT_HEAD). As RE2 reads ELEMENT_HEAD (DuckDB, the
  reference): a head is never across a line break ('' when it would be).
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

{# SUBSTRING ... FROM gives the first parenthesized subexpression; the lazy group ends at the
   first `:key=` (the pattern as a whole is non-greedy: its shortest match). `.` matches a line
   break in PostgreSQL's AREs, hence [^\n]. No match is NULL, as ''.
   https://www.postgresql.org/docs/current/functions-matching.html#POSIX-MATCHING-RULES #}
{% macro postgres__posthog_element_head(element) -%}
  {%- set pattern %}^([^\n]*?)(?::[a-zA-Z0-9_-]*=|$){% endset -%}
  coalesce(substring({{ element }} from {{ heap_connect.sql_string(pattern) }}), '')
{%- endmacro %}

{# REGEXP_SUBSTR with `p` (PCRE: lazy quantifiers) and `e` (the first subexpression); '' when
   nothing matches. https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html
   The Redshift stand-in (PostgreSQL) runs the PostgreSQL form. #}
{% macro redshift__posthog_element_head(element) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__posthog_element_head(element)) }}
  {%- endif -%}
  {%- set pattern %}^(.*?)(?::[a-zA-Z0-9_-]*=|$){% endset -%}
  regexp_substr({{ element }}, {{ heap_connect.sql_string(pattern) }}, 1, 1, 'pe')
{%- endmacro %}

{# Snowflake's regular expressions have no lazy quantifiers: the head ends where REGEXP_INSTR
   finds the first `:key=` (0: none, the whole element).
   https://docs.snowflake.com/en/sql-reference/functions/regexp_instr
   fakesnow (the Snowflake stand-in) types REGEXP_INSTR as DuckDB's HUGEINT, which LEFT rejects
   (`No function matches ... 'left(VARCHAR, HUGEINT)'`): there only, it is cast to INTEGER. #}
{% macro snowflake__posthog_element_head(element) -%}
  {%- set found = "regexp_instr(" ~ element ~ ", ':[a-zA-Z0-9_-]*=')" -%}
  {%- if heap_connect.on_stand_in('snowflake') -%}
    {%- set found = "cast(" ~ found ~ " as integer)" -%}
  {%- endif -%}
  {%- set head -%}
    left({{ element }}, coalesce(nullif({{ found }}, 0), length({{ element }}) + 1) - 1)
  {%- endset -%}
  iff(contains({{ head }}, char(10)), '', {{ head }})
{%- endmacro %}

{# RE2, as DuckDB; REGEXP_EXTRACT gives the capture group, NULL when nothing matches.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract #}
{% macro bigquery__posthog_element_head(element) -%}
  {%- set pattern %}^(.*?)(?::[a-zA-Z0-9_-]*=|$){% endset -%}
  coalesce(regexp_extract({{ element }}, {{ heap_connect.sql_string(pattern) }}), '')
{%- endmacro %}

{#-
  The value, unescaped (\" read as "), of one elements_chain pair's text `key="value"` (a SQL
  expression of text, as posthog_chain_pairs finds it): what follows the first `="` (a key
  has no `=`), without the closing quote.
-#}
{% macro posthog_pair_value(pair) -%}
  {{ return(adapter.dispatch('posthog_pair_value', 'heap_connect')(pair)) }}
{%- endmacro %}

{# SPLIT_PART, SUBSTR, REPLACE: the same on Snowflake, PostgreSQL and Redshift.
   https://docs.snowflake.com/en/sql-reference/functions/split_part #}
{% macro default__posthog_pair_value(pair) -%}
  {%- set key_length = "length(split_part(" ~ pair ~ ", '=', 1))" -%}
  replace(substr({{ pair }}, {{ key_length }} + 3, length({{ pair }}) - {{ key_length }} - 3), {{ heap_connect.sql_string('\\"') }}, '"')
{%- endmacro %}

{# https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split #}
{% macro bigquery__posthog_pair_value(pair) -%}
  {%- set key_length = "length(split(" ~ pair ~ ", '=')[offset(0)])" -%}
  replace(substr({{ pair }}, {{ key_length }} + 3, length({{ pair }}) - {{ key_length }} - 3), {{ heap_connect.sql_string('\\"') }}, '"')
{%- endmacro %}

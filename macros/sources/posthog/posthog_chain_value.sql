{#-
  The value of `key` (a Python string: href, text, attr__href, ...) on the clicked element of
  an elements_chain (its first element); null when the chain is empty or the element has no
  such key. generator/heapgen/posthog.py states the same rule (chain_value). Each warehouse
  finds the first element with the chain-element pattern of posthog_hierarchy.
-#}
{% macro posthog_chain_value(chain, key) -%}
  {{ return(adapter.dispatch('posthog_chain_value', 'heap_connect')(chain, key)) }}
{%- endmacro %}

{% macro default__posthog_chain_value(chain, key) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_chain_value has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# regexp_extract gives the first element ('' for none, which has no pairs).
   https://duckdb.org/docs/stable/sql/functions/regular_expressions #}
{% macro duckdb__posthog_chain_value(chain, key) -%}
  {{ heap_connect.posthog_element_value("regexp_extract(" ~ chain ~ ", '(?:[^\\s;\"]|\"(?:[^\"\\\\]|\\\\.)*\")+')", key) }}
{%- endmacro %}

{# Without a capture group SUBSTRING ... FROM gives the whole first match (NULL for none).
   https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-POSIX-REGEXP #}
{% macro postgres__posthog_chain_value(chain, key) -%}
  {%- set element_pattern %}(?:[^\t\n\f\r ;"]|"(?:[^"\\]|\\[^\n])*")+{% endset -%}
  {{ heap_connect.posthog_element_value("substring(" ~ chain ~ " from " ~ heap_connect.sql_string(element_pattern) ~ ")", key) }}
{%- endmacro %}

{# REGEXP_SUBSTR ('' for none, which has no pairs), PCRE.
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html
   The Redshift stand-in (PostgreSQL) runs the PostgreSQL form. #}
{% macro redshift__posthog_chain_value(chain, key) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__posthog_chain_value(chain, key)) }}
  {%- endif -%}
  {%- set element_pattern %}(?:[^\t\n\f\r ;"]|"(?:[^"\\]|\\.)*")+{% endset -%}
  {{ heap_connect.posthog_element_value("regexp_substr(" ~ chain ~ ", " ~ heap_connect.sql_string(element_pattern) ~ ", 1, 1, 'p')", key) }}
{%- endmacro %}

{# REGEXP_SUBSTR gives the whole first match (NULL for none); POSIX syntax, as in
   posthog_hierarchy. https://docs.snowflake.com/en/sql-reference/functions/regexp_substr
   fakesnow (the Snowflake stand-in) unescapes a REGEXP_SUBSTR pattern's backslashes once more
   than Snowflake (`Invalid Input Error: missing ]: [^"\]|\.)*")+`): there only, the first
   element is the first of REGEXP_SUBSTR_ALL, which it reads as Snowflake does. #}
{% macro snowflake__posthog_chain_value(chain, key) -%}
  {%- set element_pattern %}([^[:space:];"]|"([^"\\]|\\.)*")+{% endset -%}
  {%- if heap_connect.on_stand_in('snowflake') -%}
    {%- set first_element = "regexp_substr_all(" ~ chain ~ ", " ~ heap_connect.sql_string(element_pattern) ~ ")[0]::varchar" -%}
  {%- else -%}
    {%- set first_element = "regexp_substr(" ~ chain ~ ", " ~ heap_connect.sql_string(element_pattern) ~ ")" -%}
  {%- endif -%}
  {{ heap_connect.posthog_element_value(first_element, key) }}
{%- endmacro %}

{# REGEXP_EXTRACT without a capture group gives the whole first match (NULL for none).
   https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract #}
{% macro bigquery__posthog_chain_value(chain, key) -%}
  {%- set element_pattern %}(?:[^\s;"]|"(?:[^"\\]|\\.)*")+{% endset -%}
  {{ heap_connect.posthog_element_value("regexp_extract(" ~ chain ~ ", " ~ heap_connect.sql_string(element_pattern) ~ ")", key) }}
{%- endmacro %}

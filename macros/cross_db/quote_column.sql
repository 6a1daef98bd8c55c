{#-
  A column identifier, quoted so that reserved words (`time`, `order`, `group` are all
  possible property names) are safe. Names reaching here are snake_case (a-z, 0-9, _).
-#}
{% macro quote_column(name) -%}
  {{ return(adapter.dispatch('quote_column', 'heap_connect')(name)) }}
{%- endmacro %}

{% macro default__quote_column(name) -%}
  {{ adapter.quote(name) }}
{%- endmacro %}

{#- Snowflake folds unquoted identifiers to upper case and a quoted lower-case name is a
    different, case-sensitive one, so quote the upper-case form: users' unquoted SQL keeps
    working. https://docs.snowflake.com/en/sql-reference/identifiers-syntax -#}
{% macro snowflake__quote_column(name) -%}
  {{ adapter.quote(name | upper) }}
{%- endmacro %}

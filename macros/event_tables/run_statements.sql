{#-
  Runs `statements` (a list of SQL strings) in the node's transaction (dbt's `statement`
  opens one where the warehouse has them; the caller commits), several per round trip: dbt
  spends ~10 ms of its own on every query whatever it does, so a thousand event tables'
  statements are sent in a few calls, not thousands. BigQuery runs one statement per call.
-#}
{% macro run_statements(statements, per_call=200) -%}
  {#- each without its own closing `;` (Redshift and Snowflake refuse an empty statement) -#}
  {%- set cleaned = [] -%}
  {%- for sql in statements -%}
    {%- set sql = sql | trim -%}
    {%- if sql.endswith(';') %}{% set sql = sql[:-1] | trim %}{% endif -%}
    {%- if sql %}{% do cleaned.append(sql) %}{% endif -%}
  {%- endfor -%}
  {{ return(adapter.dispatch('run_statements', 'heap_connect')(cleaned, per_call)) }}
{%- endmacro %}

{% macro default__run_statements(statements, per_call) -%}
  {%- for chunk in statements | batch(per_call) -%}
    {%- call statement('heap_connect_apply', fetch_result=false, auto_begin=true) -%}
      {{ chunk | join(';\n') }}
    {%- endcall -%}
  {%- endfor -%}
{%- endmacro %}

{% macro bigquery__run_statements(statements, per_call) -%}
  {%- for sql in statements -%}
    {%- call statement('heap_connect_apply', fetch_result=false, auto_begin=true) -%}
      {{ sql }}
    {%- endcall -%}
  {%- endfor -%}
{%- endmacro %}

{# Spark runs one statement per call (SparkSession.sql). #}
{% macro spark__run_statements(statements, per_call) -%}
  {{ return(heap_connect.bigquery__run_statements(statements, per_call)) }}
{%- endmacro %}

{#- The timestamp `microseconds` (an integer) after timestamp `expr`. -#}
{% macro microseconds_after(expr, microseconds) -%}
  {{ return(adapter.dispatch('microseconds_after', 'heap_connect')(expr, microseconds)) }}
{%- endmacro %}

{# dbt's dateadd: DuckDB and PostgreSQL add an interval, Snowflake and Redshift DATEADD,
   BigQuery DATETIME_ADD. #}
{% macro default__microseconds_after(expr, microseconds) -%}
  {{ dbt.dateadd('microsecond', microseconds, expr) }}
{%- endmacro %}

{# DATEADD with the microsecond datepart (an identifier, which PostgreSQL reads as a column:
   `column "microsecond" does not exist`, so the stand-in adds an interval).
   https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html #}
{% macro redshift__microseconds_after(expr, microseconds) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ expr }} + interval '1 microsecond' * ({{ microseconds }})
  {%- else -%}
    {{ dbt.dateadd('microsecond', microseconds, expr) }}
  {%- endif -%}
{%- endmacro %}

{# https://spark.apache.org/docs/latest/api/sql/index.html#timestampadd #}
{% macro spark__microseconds_after(expr, microseconds) -%}
  timestampadd(microsecond, {{ microseconds }}, {{ expr }})
{%- endmacro %}

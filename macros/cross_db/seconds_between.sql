{#- Seconds (with milliseconds) from timestamp `start_expr` to timestamp `end_expr`. -#}
{% macro seconds_between(start_expr, end_expr) -%}
  {{ return(adapter.dispatch('seconds_between', 'heap_connect')(start_expr, end_expr)) }}
{%- endmacro %}

{# dbt's datediff in milliseconds: DuckDB date_diff, Snowflake DATEDIFF, BigQuery TIMESTAMP_DIFF. #}
{% macro default__seconds_between(start_expr, end_expr) -%}
  {{ dbt.datediff(start_expr, end_expr, 'millisecond') }} / 1000.0
{%- endmacro %}

{# The interval's seconds, fraction included.
   https://www.postgresql.org/docs/current/functions-datetime.html#FUNCTIONS-DATETIME-EXTRACT #}
{% macro postgres__seconds_between(start_expr, end_expr) -%}
  extract(epoch from ({{ end_expr }} - {{ start_expr }}))
{%- endmacro %}

{# DATEDIFF with the millisecond datepart (an identifier, which PostgreSQL reads as a column:
   the stand-in takes the PostgreSQL form). https://docs.aws.amazon.com/redshift/latest/dg/r_DATEDIFF_function.html #}
{% macro redshift__seconds_between(start_expr, end_expr) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ heap_connect.postgres__seconds_between(start_expr, end_expr) }}
  {%- else -%}
    datediff(millisecond, {{ start_expr }}, {{ end_expr }}) / 1000.0
  {%- endif -%}
{%- endmacro %}

{# UNIX_MILLIS truncates each timestamp to its millisecond, as DuckDB's date_diff counts
   millisecond boundaries. https://spark.apache.org/docs/latest/api/sql/index.html#unix_millis #}
{% macro spark__seconds_between(start_expr, end_expr) -%}
  (unix_millis({{ end_expr }}) - unix_millis({{ start_expr }})) / 1000.0
{%- endmacro %}

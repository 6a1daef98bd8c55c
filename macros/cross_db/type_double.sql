{#- A 64-bit floating-point type. dbt.type_float() answers `float`, which is 64-bit in
    PostgreSQL, Redshift, Snowflake and BigQuery (FLOAT64) but 32-bit in DuckDB. -#}
{% macro type_double() -%}
  {{ return(adapter.dispatch('type_double', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
  {{ dbt.type_float() }}
{%- endmacro %}

{# https://duckdb.org/docs/stable/sql/data_types/numeric#floating-point-types #}
{% macro duckdb__type_double() -%}
  double
{%- endmacro %}

{# dbt-spark's type_float() is FLOAT, which is 32-bit in Spark.
   https://spark.apache.org/docs/latest/sql-ref-datatypes.html #}
{% macro spark__type_double() -%}
  double
{%- endmacro %}

{#- The keyword that makes a common table expression referenced several times be computed
    once (`with x as <this> (...)`), where the warehouse has one; '' elsewhere (BigQuery,
    Snowflake and Redshift decide themselves).
    https://duckdb.org/docs/stable/sql/query_syntax/with#cte-materialization
    https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-CTE-MATERIALIZATION -#}
{% macro cte_materialized() -%}
  {{ return(adapter.dispatch('cte_materialized', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__cte_materialized() -%}{%- endmacro %}

{% macro duckdb__cte_materialized() -%}materialized{%- endmacro %}

{% macro postgres__cte_materialized() -%}materialized{%- endmacro %}

{# Redshift's dispatch falls back to postgres__; it has no MATERIALIZED keyword.
   https://docs.aws.amazon.com/redshift/latest/dg/r_WITH_clause.html #}
{% macro redshift__cte_materialized() -%}{%- endmacro %}

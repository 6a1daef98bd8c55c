{#- The target's database (BigQuery: project), or none where the target has none: dbt-spark
    keeps no database (Spark's database is the schema), and `target.database` is then
    undefined, which a Relation refuses. -#}
{% macro target_database() -%}
  {{ return(target.get('database') or none) }}
{%- endmacro %}

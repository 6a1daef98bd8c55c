{#-
  dbt's get_drop_sql ends in CASCADE (`drop table if exists x cascade`), which Spark SQL does
  not parse (`Syntax error at or near 'cascade'`); dbt-spark 1.11 overrides drop_relation but
  not get_drop_sql, which the project's statement lists use. The statement dbt-spark's own
  drop_relation runs. dbt_project.yml's `dispatch` puts this project before dbt for dbt's own
  macros, so dbt's get_drop_sql finds this on Spark only.
  https://spark.apache.org/docs/latest/sql-ref-syntax-ddl-drop-table.html
-#}
{% macro spark__get_drop_sql(relation) -%}
  drop {{ 'view' if relation.is_view else 'table' }} if exists {{ relation }}
{%- endmacro %}

{#- The head of a recursive CTE, `name (columns)`. Redshift requires the column list; BigQuery
    rejects it (the anchor member names the columns instead, so callers alias them there).
    https://docs.aws.amazon.com/redshift/latest/dg/r_WITH_clause.html
    https://cloud.google.com/bigquery/docs/recursive-ctes -#}
{% macro recursive_cte_name(name, columns) -%}
  {{ return(adapter.dispatch('recursive_cte_name', 'heap_connect')(name, columns)) }}
{%- endmacro %}

{% macro default__recursive_cte_name(name, columns) -%}
  {{ name }} ({{ columns | join(', ') }})
{%- endmacro %}

{% macro bigquery__recursive_cte_name(name, columns) -%}
  {{ name }}
{%- endmacro %}

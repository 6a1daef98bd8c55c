{#-
  A FROM-clause suffix that turns one row with a boolean column per label into one row per
  label the row matched: `flags` is a list of (label_id, boolean column) pairs of `alias`;
  the result has columns label_id and matched (filter on matched).
-#}
{% macro label_unpivot(alias, flags) -%}
  {{ return(adapter.dispatch('label_unpivot', 'heap_connect')(alias, flags)) }}
{%- endmacro %}

{# A lateral VALUES list: DuckDB and PostgreSQL.
   https://www.postgresql.org/docs/current/queries-table-expressions.html#QUERIES-LATERAL #}
{% macro default__label_unpivot(alias, flags) -%}
  cross join lateral (
    values
    {%- for label_id, column in flags %}
      ({{ heap_connect.sql_string(label_id) }}, {{ alias }}.{{ column }}){% if not loop.last %},{% endif %}
    {%- endfor %}
  ) as tagged (label_id, matched)
{%- endmacro %}

{# UNNEST of an array of structs. https://cloud.google.com/bigquery/docs/reference/standard-sql/arrays#flattening_arrays #}
{% macro bigquery__label_unpivot(alias, flags) -%}
  cross join unnest([
    {%- for label_id, column in flags %}
      struct({{ heap_connect.sql_string(label_id) }} as label_id, {{ alias }}.{{ column }} as matched){% if not loop.last %},{% endif %}
    {%- endfor %}
  ]) as tagged
{%- endmacro %}

{# Redshift has no LATERAL; fakesnow and Snowflake differ on correlated VALUES lists. A join
   of the label list on the matching flag is portable SQL: a row joins each label it matched
   (tagged.matched is true on every joined row). Same rows as the lateral form.
   https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html
   https://docs.snowflake.com/en/sql-reference/constructs/join #}
{% macro redshift__label_unpivot(alias, flags) -%}
  {{ heap_connect.label_join_unpivot(alias, flags) }}
{%- endmacro %}

{% macro snowflake__label_unpivot(alias, flags) -%}
  {{ heap_connect.label_join_unpivot(alias, flags) }}
{%- endmacro %}

{# Spark: the same portable join (a correlated VALUES list is not a lateral subquery Spark
   plans). https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-join.html #}
{% macro spark__label_unpivot(alias, flags) -%}
  {{ heap_connect.label_join_unpivot(alias, flags) }}
{%- endmacro %}

{% macro label_join_unpivot(alias, flags) -%}
  inner join (
    {%- for label_id, column in flags %}
    select cast({{ heap_connect.sql_string(label_id) }} as {{ dbt.type_string() }}) as label_id, true as matched{% if not loop.last %} union all{% endif %}
    {%- endfor %}
  ) as tagged
    on case tagged.label_id
      {%- for label_id, column in flags %}
      when {{ heap_connect.sql_string(label_id) }} then {{ alias }}.{{ column }}
      {%- endfor %}
    end
{%- endmacro %}

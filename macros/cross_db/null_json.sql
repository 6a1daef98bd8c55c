{#-
  A SQL NULL of the type each warehouse keeps raw JSON in (the raw contract's `properties`:
  DuckDB JSON, PostgreSQL jsonb, Redshift JSON text, Snowflake VARIANT, BigQuery JSON), for a
  source that has no such value.
-#}
{% macro null_json() -%}
  {{ return(adapter.dispatch('null_json', 'heap_connect')()) }}
{%- endmacro %}

{# https://duckdb.org/docs/stable/data/json/json_type ; BigQuery:
   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#json_type #}
{% macro default__null_json() -%}
  cast(null as json)
{%- endmacro %}

{# https://www.postgresql.org/docs/current/datatype-json.html #}
{% macro postgres__null_json() -%}
  cast(null as jsonb)
{%- endmacro %}

{# Redshift keeps raw JSON as text (macros/cross_db/json_extract_json.sql). #}
{% macro redshift__null_json() -%}
  cast(null as {{ dbt.type_string() }})
{%- endmacro %}

{# https://docs.snowflake.com/en/sql-reference/data-types-semistructured #}
{% macro snowflake__null_json() -%}
  cast(null as variant)
{%- endmacro %}

{# Spark keeps raw JSON as STRING text (macros/cross_db/json_extract_json.sql). #}
{% macro spark__null_json() -%}
  cast(null as {{ dbt.type_string() }})
{%- endmacro %}

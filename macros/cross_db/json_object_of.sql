{#-
  A JSON object (raw JSON of the warehouse's type, as the raw contract's `properties`) of the
  pairs (key: a Python string, value: SQL text) whose value is not null; null when every value
  is null.
-#}
{% macro json_object_of(pairs) -%}
  case when coalesce({% for key, value in pairs %}{{ value }}{{ ', ' if not loop.last }}{% endfor %}) is not null then
    {{ adapter.dispatch('json_object_of', 'heap_connect')(pairs) }}
  end
{%- endmacro %}

{# A MAP of the non-null entries, as JSON. https://duckdb.org/docs/stable/sql/data_types/map #}
{% macro default__json_object_of(pairs) -%}
  cast(to_json(map_from_entries(list_filter([
    {%- for key, value in pairs %}{'k': {{ heap_connect.sql_string(key) }}, 'v': cast({{ value }} as {{ dbt.type_string() }})}{{ ', ' if not loop.last }}{% endfor -%}
  ], lambda e: e.v is not null))) as json)
{%- endmacro %}

{# https://www.postgresql.org/docs/current/functions-json.html#FUNCTIONS-JSON-PROCESSING-TABLE #}
{% macro postgres__json_object_of(pairs) -%}
  jsonb_strip_nulls(jsonb_build_object(
    {%- for key, value in pairs %}{{ heap_connect.sql_string(key) }}, cast({{ value }} as {{ dbt.type_string() }}){{ ', ' if not loop.last }}{% endfor -%}
  ))
{%- endmacro %}

{# OBJECT builds a SUPER object, JSON_SERIALIZE its JSON text (Redshift keeps raw JSON as
   text); a null value is kept as JSON null. https://docs.aws.amazon.com/redshift/latest/dg/r_object_function.html
   The Redshift stand-in runs the PostgreSQL form, as text. #}
{% macro redshift__json_object_of(pairs) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return('cast(' ~ heap_connect.postgres__json_object_of(pairs) ~ ' as ' ~ dbt.type_string() ~ ')') }}
  {%- endif -%}
  json_serialize(object(
    {%- for key, value in pairs %}{{ heap_connect.sql_string(key) }}, cast({{ value }} as {{ dbt.type_string() }}){{ ', ' if not loop.last }}{% endfor -%}
  ))
{%- endmacro %}

{# OBJECT_CONSTRUCT leaves out null values. https://docs.snowflake.com/en/sql-reference/functions/object_construct #}
{% macro snowflake__json_object_of(pairs) -%}
  object_construct(
    {%- for key, value in pairs %}{{ heap_connect.sql_string(key) }}, cast({{ value }} as {{ dbt.type_string() }}){{ ', ' if not loop.last }}{% endfor -%}
  )
{%- endmacro %}

{# Each member written as the JSON text of a one-member JSON_OBJECT without its braces
   (ARRAY_TO_STRING leaves out the NULLs of the values that are null), then PARSE_JSON: one
   form for BigQuery and crucible, which has no JSON_STRIP_NULLS and reads TO_JSON_STRING of a
   string as JSON.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_object
   https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_to_string #}
{% macro bigquery__json_object_of(pairs) -%}
  parse_json(concat('{', array_to_string([
    {%- for key, value in pairs %}
    {%- set member = 'to_json_string(json_object(' ~ heap_connect.sql_string(key) ~ ', cast(' ~ value ~ ' as ' ~ dbt.type_string() ~ ')))' %}
    if({{ value }} is null, null, substr({{ member }}, 2, length({{ member }}) - 2)){{ ', ' if not loop.last }}
    {%- endfor -%}
  ], ','), '}'))
{%- endmacro %}

{# TO_JSON of a NAMED_STRUCT leaves out the null fields (ignoreNullFields, on by default);
   a field name is any string. Spark keeps raw JSON as STRING text.
   https://spark.apache.org/docs/latest/api/sql/index.html#to_json #}
{% macro spark__json_object_of(pairs) -%}
  to_json(named_struct(
    {%- for key, value in pairs %}{{ heap_connect.sql_string(key) }}, cast({{ value }} as {{ dbt.type_string() }}){{ ', ' if not loop.last }}{% endfor -%}
  ))
{%- endmacro %}

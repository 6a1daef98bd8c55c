{#-
  The JSON object of the columns `names` (Python strings: a Segment / RudderStack per-event
  table's property columns, or identifies' trait columns) of the current row, each under its
  column's name, without the columns that are null; null when every one is (Segment creates a
  column only for values it received, so a null column is a property the call did not send).
  `columns` (heap_connect.segment_table_columns; none when unknown): the table's columns; a
  name the table does not have is left out.
  Values keep their SQL types as JSON types. The result has the warehouse's type for raw JSON
  (generator/heapgen/raw_contract.py): JSON text on DuckDB and Redshift, jsonb on PostgreSQL,
  an OBJECT on Snowflake, JSON on BigQuery. Column names reach SQL quoted, keys as literals.
-#}
{% macro segment_properties(names, columns=none) -%}
  {%- set columns = names if columns is none else names | select('in', columns) | list -%}
  {%- if not columns -%}
    {#- a null of the same type: the object of a column that every row has, never taken -#}
    case when 1 = 0 then {{ adapter.dispatch('segment_properties', 'heap_connect')(['id']) }} end
  {%- else -%}
    case when {% for name in columns %}{{ heap_connect.quote_column(name) }} is not null{{ ' or ' if not loop.last }}{% endfor %}
      then {{ adapter.dispatch('segment_properties', 'heap_connect')(columns) }} end
  {%- endif -%}
{%- endmacro %}

{% macro default__segment_properties(columns) -%}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.segment_properties has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# A MAP of the non-null values, each as JSON (to_json keeps a JSON value as it is), written
   as a JSON object. https://duckdb.org/docs/stable/data/json/json_functions #}
{% macro duckdb__segment_properties(columns) -%}
  cast(to_json(map_from_entries(list_filter([
    {%- for name in columns %}{'k': {{ heap_connect.sql_string(name) }}, 'v': to_json({{ heap_connect.quote_column(name) }})}{{ ', ' if not loop.last }}{% endfor -%}
  ], lambda e: e.v is not null and json_type(e.v) <> 'NULL'))) as varchar)
{%- endmacro %}

{# jsonb_build_object, then jsonb_strip_nulls drops the null members.
   https://www.postgresql.org/docs/current/functions-json.html #}
{% macro postgres__segment_properties(columns) -%}
  jsonb_strip_nulls(jsonb_build_object(
    {%- for name in columns %}{{ heap_connect.sql_string(name) }}, {{ heap_connect.quote_column(name) }}{{ ', ' if not loop.last }}{% endfor -%}
  ))
{%- endmacro %}

{# JSON text written pair by pair: each non-null column as `,"key":` and its value as SUPER
   written by JSON_SERIALIZE, the leading comma cut; so a null column is left out whatever
   OBJECT does with nulls (its page does not say). Redshift keeps raw JSON as text. Redshift
   casts no datetime to SUPER: a timestamp property column fails here (not handled yet).
   https://docs.aws.amazon.com/redshift/latest/dg/JSON_SERIALIZE.html
   https://docs.aws.amazon.com/redshift/latest/dg/r_object_function.html (datetime types)
   The Redshift stand-in (PostgreSQL) runs the PostgreSQL form, as JSON text. #}
{% macro redshift__segment_properties(columns) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return('cast(' ~ heap_connect.postgres__segment_properties(columns) ~ ' as ' ~ dbt.type_string() ~ ')') }}
  {%- endif -%}
  '{' || substring(
    {%- for name in columns %}
    coalesce(case when {{ heap_connect.quote_column(name) }} is not null then {{ heap_connect.sql_string(',"' ~ name ~ '":') }} || json_serialize(cast({{ heap_connect.quote_column(name) }} as super)) end, ''){{ ' ||' if not loop.last }}
    {%- endfor %}, 2) || '}'
{%- endmacro %}

{# OBJECT_CONSTRUCT leaves out the keys whose value is null.
   https://docs.snowflake.com/en/sql-reference/functions/object_construct #}
{% macro snowflake__segment_properties(columns) -%}
  object_construct(
    {%- for name in columns %}{{ heap_connect.sql_string(name) }}, {{ heap_connect.quote_column(name) }}{{ ', ' if not loop.last }}{% endfor -%}
  )
{%- endmacro %}

{# Each non-null column as `"key":value` (the key a plain identifier, checked by heapgen.definitions;
   the value's TO_JSON_STRING of its TO_JSON, taken only when the value is not null), in the
   columns' order, joined and read by
   PARSE_JSON. (JSON_STRIP_NULLS of a JSON_OBJECT says the same, but the BigQuery stand-in has
   no JSON_STRIP_NULLS, its TO_JSON_STRING of a STRING reads the string as JSON and it has no
   TO_JSON of NULL; this form runs on both.)
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#to_json
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#parse_json #}
{% macro bigquery__segment_properties(columns) -%}
  parse_json(concat('{', (
    select string_agg(member.pair, ',' order by position)
    from unnest([
      {%- for name in columns %}struct(case when {{ heap_connect.quote_column(name) }} is not null then concat({{ heap_connect.sql_string('"' ~ name ~ '":') }}, to_json_string(to_json({{ heap_connect.quote_column(name) }}))) end as pair){{ ', ' if not loop.last }}{% endfor -%}
    ]) as member with offset as position
    where member.pair is not null
  ), '}'))
{%- endmacro %}

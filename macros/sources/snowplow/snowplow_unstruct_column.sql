{#-
  A self-describing event's column in the wide-row layouts (`unstruct_event_<vendor>_<name>_
  <version>`, heap_connect.snowplow_unstruct_data) as raw JSON of the warehouse's type: the
  event's data object, also when a loader or a fixture wrote it as a one-element array.
-#}
{% macro snowplow_unstruct_column(column) -%}
  {{ return(adapter.dispatch('snowplow_unstruct_column', 'heap_connect')(column)) }}
{%- endmacro %}

{# A VARCHAR, JSON or STRUCT column cast to JSON; an array's first element by a JSON Pointer.
   https://duckdb.org/docs/stable/data/json/json_functions #}
{% macro default__snowplow_unstruct_column(column) -%}
  case when json_type(cast({{ column }} as json)) = 'ARRAY' then json_extract(cast({{ column }} as json), '/0') else cast({{ column }} as json) end
{%- endmacro %}

{# https://www.postgresql.org/docs/current/functions-json.html #}
{% macro postgres__snowplow_unstruct_column(column) -%}
  case when jsonb_typeof(cast({{ column }} as jsonb)) = 'array' then cast({{ column }} as jsonb) -> 0 else cast({{ column }} as jsonb) end
{%- endmacro %}

{# JSON text: an array's first element by JSON_EXTRACT_ARRAY_ELEMENT_TEXT (an object's JSON
   text). https://docs.aws.amazon.com/redshift/latest/dg/IS_VALID_JSON_ARRAY.html
   The Redshift stand-in runs the PostgreSQL form, as text. #}
{% macro redshift__snowplow_unstruct_column(column) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return('cast(' ~ heap_connect.postgres__snowplow_unstruct_column(column) ~ ' as ' ~ dbt.type_string() ~ ')') }}
  {%- endif -%}
  case when is_valid_json_array({{ column }}) then json_extract_array_element_text({{ column }}, 0, true) else {{ column }} end
{%- endmacro %}

{# The Snowflake loader writes an OBJECT (VARIANT); an ARRAY's first element by GET.
   https://docs.snowflake.com/en/sql-reference/functions/is_array #}
{% macro snowflake__snowplow_unstruct_column(column) -%}
  case when is_array({{ column }}) then get({{ column }}, 0) else {{ column }} end
{%- endmacro %}

{# The BigQuery loader writes a RECORD: TO_JSON gives it as JSON.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#to_json #}
{% macro bigquery__snowplow_unstruct_column(column) -%}
  to_json({{ column }})
{%- endmacro %}

{#-
  The text of top-level key `key` (a Python string, any characters) of the JSON object
  `json_expr`: strings unquoted, numbers and booleans as their JSON text, null when the key
  is missing or JSON null.
-#}
{% macro json_extract_text(json_expr, key) -%}
  {{ return(adapter.dispatch('json_extract_text', 'heap_connect')(json_expr, key)) }}
{%- endmacro %}

{% macro default__json_extract_text(json_expr, key) -%}
  {{ exceptions.raise_compiler_error("heap_connect.json_extract_text has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}

{# A JSON Pointer addresses one key whatever it holds (~ and / escaped as ~0 and ~1).
   https://duckdb.org/docs/stable/data/json/json_functions#json-extraction-functions #}
{% macro duckdb__json_extract_text(json_expr, key) -%}
  json_extract_string({{ json_expr }}, {{ heap_connect.sql_string('/' ~ key | replace('~', '~0') | replace('/', '~1')) }})
{%- endmacro %}

{# https://www.postgresql.org/docs/current/functions-json.html#FUNCTIONS-JSON-OP-TABLE #}
{% macro postgres__json_extract_text(json_expr, key) -%}
  (cast({{ json_expr }} as jsonb) ->> {{ heap_connect.sql_string(key) }})
{%- endmacro %}

{# Redshift keeps the raw JSON as VARCHAR text: JSON_EXTRACT_PATH_TEXT takes a key as one path
   element (no path syntax to escape), gives strings unquoted and NULL for a missing key; with
   null_if_invalid a malformed document gives NULL instead of failing the sync. The Redshift
   stand-in has a PostgreSQL function of that signature (warehouses/redshift_proxy.py).
   https://docs.aws.amazon.com/redshift/latest/dg/JSON_EXTRACT_PATH_TEXT.html #}
{% macro redshift__json_extract_text(json_expr, key) -%}
  json_extract_path_text({{ json_expr }}, {{ heap_connect.sql_string(key) }}, true)
{%- endmacro %}

{# JSON_EXTRACT_PATH_TEXT is TO_VARCHAR(GET_PATH(...)): strings unquoted, NULL when missing or
   JSON null. The key is one bracketed, double-quoted path element, so dots and spaces in it
   are literal. https://docs.snowflake.com/en/sql-reference/functions/json_extract_path_text #}
{% macro snowflake__json_extract_text(json_expr, key) -%}
  json_extract_path_text({{ json_expr }}, {{ heap_connect.sql_string('["' ~ key | replace('\\', '\\\\') | replace('"', '\\"') ~ '"]') }})
{%- endmacro %}

{# The JSON subscript operator takes the key as a string (no JSONPath to escape); JSON_VALUE
   gives a scalar as text (strings unquoted) and NULL for JSON null; objects and arrays keep
   their JSON text. https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_value
   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
   crucible (the BigQuery stand-in) types a subscript as unknown and rejects TO_JSON_STRING of
   it: there only, the subscript is CAST AS JSON first. crucible also hands the key to DuckDB
   as a quoted JSONPath member (`$."key"`) without escaping: there only, `\` and `"` in the
   key are backslash-escaped first (https://duckdb.org/docs/stable/data/json/json_functions). #}
{% macro bigquery__json_extract_text(json_expr, key) -%}
  {%- set stand_in = heap_connect.on_stand_in('bigquery') -%}
  {%- set subscript = key | replace('\\', '\\\\') | replace('"', '\\"') if stand_in else key -%}
  {%- set value = json_expr ~ '[' ~ heap_connect.sql_string(subscript) ~ ']' -%}
  {%- set value_json = 'cast(' ~ value ~ ' as json)' if stand_in else value -%}
  coalesce(json_value({{ value }}), case when json_type({{ value }}) in ('object', 'array') then to_json_string({{ value_json }}) end)
{%- endmacro %}

{# Spark keeps raw JSON as STRING text. FROM_JSON as a MAP<STRING, STRING> takes the key as a
   map key (no JSONPath: GET_JSON_OBJECT's `$['key']` cannot hold a quote), gives strings
   unquoted, other scalars as their JSON text, objects and arrays as JSON, and NULL for a
   missing key, JSON null or a malformed document. One FROM_JSON per document and query:
   Spark's subexpression elimination evaluates the repeated call once per row.
   https://spark.apache.org/docs/latest/api/sql/index.html#from_json #}
{% macro spark__json_extract_text(json_expr, key) -%}
  from_json({{ json_expr }}, 'map<string, string>')[{{ heap_connect.sql_string(key) }}]
{%- endmacro %}

{#-
  The value of top-level key `key` (a Python string, any characters) of the JSON object
  `json_expr`, as JSON in the type each warehouse keeps raw JSON in (the raw contract's
  `properties`: DuckDB JSON, PostgreSQL jsonb, Redshift JSON text, Snowflake VARIANT, BigQuery
  JSON); null when the key is missing. heap_connect.json_extract_text gives a value's text.
-#}
{% macro json_extract_json(json_expr, key) -%}
  {{ return(adapter.dispatch('json_extract_json', 'heap_connect')(json_expr, key)) }}
{%- endmacro %}

{% macro default__json_extract_json(json_expr, key) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.json_extract_json has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# A JSON Pointer (~ and / escaped as ~0 and ~1) addresses one key.
   https://duckdb.org/docs/stable/data/json/json_functions#json-extraction-functions #}
{% macro duckdb__json_extract_json(json_expr, key) -%}
  json_extract({{ json_expr }}, {{ heap_connect.sql_string('/' ~ key | replace('~', '~0') | replace('/', '~1')) }})
{%- endmacro %}

{# https://www.postgresql.org/docs/current/functions-json.html#FUNCTIONS-JSON-OP-TABLE #}
{% macro postgres__json_extract_json(json_expr, key) -%}
  (cast({{ json_expr }} as jsonb) -> {{ heap_connect.sql_string(key) }})
{%- endmacro %}

{# Redshift keeps raw JSON as text: JSON_EXTRACT_PATH_TEXT gives an object's or array's JSON
   text (a string's text unquoted, which the callers' objects never are).
   https://docs.aws.amazon.com/redshift/latest/dg/JSON_EXTRACT_PATH_TEXT.html #}
{% macro redshift__json_extract_json(json_expr, key) -%}
  {{ heap_connect.redshift__json_extract_text(json_expr, key) }}
{%- endmacro %}

{# GET of a VARIANT object by key. https://docs.snowflake.com/en/sql-reference/functions/get
   fakesnow (the stand-in) gives NULL for GET(obj, '$set') (every staged user property was
   lost in test_warehouse_posthog): there only, the value's JSON text
   (heap_connect.json_extract_text) is parsed. #}
{% macro snowflake__json_extract_json(json_expr, key) -%}
  {%- if heap_connect.on_stand_in('snowflake') -%}
    parse_json({{ heap_connect.snowflake__json_extract_text(json_expr, key) }})
  {%- else -%}
    get({{ json_expr }}, {{ heap_connect.sql_string(key) }})
  {%- endif -%}
{%- endmacro %}

{# The JSON subscript operator takes the key as a string.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
   crucible (the stand-in) types a subscript as unknown and hands the key to DuckDB as a quoted
   JSONPath member unescaped: there only, as in heap_connect.json_extract_text, `\` and `"` in
   the key are backslash-escaped and the subscript is CAST AS JSON. #}
{% macro bigquery__json_extract_json(json_expr, key) -%}
  {%- set stand_in = heap_connect.on_stand_in('bigquery') -%}
  {%- set subscript = key | replace('\\', '\\\\') | replace('"', '\\"') if stand_in else key -%}
  {%- set value = json_expr ~ '[' ~ heap_connect.sql_string(subscript) ~ ']' -%}
  {{ 'cast(' ~ value ~ ' as json)' if stand_in else value }}
{%- endmacro %}

{# Spark keeps raw JSON as STRING text: an object's or array's JSON text (a string's text
   unquoted, which the callers' objects never are), as on Redshift. #}
{% macro spark__json_extract_json(json_expr, key) -%}
  {{ heap_connect.spark__json_extract_text(json_expr, key) }}
{%- endmacro %}

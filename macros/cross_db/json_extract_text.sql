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

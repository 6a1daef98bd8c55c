{#-
  The text of element `index` (an integer, 0 first) of the JSON array `json_expr`: strings
  unquoted, null past the end or when `json_expr` is not an array.
-#}
{% macro json_array_element_text(json_expr, index) -%}
  {{ return(adapter.dispatch('json_array_element_text', 'heap_connect')(json_expr, index | int)) }}
{%- endmacro %}

{# A JSON Pointer addresses an array element by its number.
   https://duckdb.org/docs/stable/data/json/json_functions#json-extraction-functions #}
{% macro default__json_array_element_text(json_expr, index) -%}
  json_extract_string({{ json_expr }}, '/{{ index }}')
{%- endmacro %}

{# ->> with an integer reads an array element.
   https://www.postgresql.org/docs/current/functions-json.html#FUNCTIONS-JSON-OP-TABLE #}
{% macro postgres__json_array_element_text(json_expr, index) -%}
  (cast({{ json_expr }} as jsonb) ->> {{ index }})
{%- endmacro %}

{# Redshift keeps raw JSON as text; null_if_invalid gives NULL for malformed text. The
   Redshift stand-in runs the PostgreSQL form.
   https://docs.aws.amazon.com/redshift/latest/dg/JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html #}
{% macro redshift__json_array_element_text(json_expr, index) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__json_array_element_text(json_expr, index)) }}
  {%- endif -%}
  json_extract_array_element_text({{ json_expr }}, {{ index }}, true)
{%- endmacro %}

{# JSON_EXTRACT_PATH_TEXT with an array index as the path: strings unquoted (as
   heap_connect.json_extract_text; fakesnow keeps the quotes of GET(...)::varchar).
   https://docs.snowflake.com/en/sql-reference/functions/json_extract_path_text #}
{% macro snowflake__json_array_element_text(json_expr, index) -%}
  json_extract_path_text({{ json_expr }}, '[{{ index }}]')
{%- endmacro %}

{# The JSON subscript operator takes an array index; JSON_VALUE gives a scalar's text.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator #}
{% macro bigquery__json_array_element_text(json_expr, index) -%}
  json_value({{ json_expr }}[{{ index }}])
{%- endmacro %}

{# GET_JSON_OBJECT with an array index path: strings unquoted, NULL past the end or for a
   malformed document. https://spark.apache.org/docs/latest/api/sql/index.html#get_json_object #}
{% macro spark__json_array_element_text(json_expr, index) -%}
  get_json_object({{ json_expr }}, '$[{{ index }}]')
{%- endmacro %}

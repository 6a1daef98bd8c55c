{#-
  The BIGINT id of a string id (a PostHog uuid or distinct id, a Segment anonymous id, ...):
  the first 15 hexadecimal digits of the MD5 of the string's UTF-8 bytes, read as a number
  (0 <= id < 2^60, so it is positive on every warehouse's signed 64-bit integer). The same
  string gives the same number on every warehouse and in heapgen.ids.string_id (Python),
  which the tests compare on DuckDB and every stand-in. Null stays null. Two of 10 million
  distinct strings share an id with a probability of about 4e-5 (n^2 / 2^61).
-#}
{% macro string_id(expr) -%}
  {{ return(adapter.dispatch('string_id', 'heap_connect')(expr)) }}
{%- endmacro %}

{% macro default__string_id(expr) -%}
  {{ exceptions.raise_compiler_error("heap_connect.string_id has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}

{# A '0x' string casts to an integer. https://duckdb.org/docs/stable/sql/data_types/numeric #}
{% macro duckdb__string_id(expr) -%}
  cast('0x' || substr(md5(cast({{ expr }} as varchar)), 1, 15) as bigint)
{%- endmacro %}

{# x'...' bit strings cast to bigint (64 bits, hence the leading 0).
   https://www.postgresql.org/docs/current/functions-bitstring.html #}
{% macro postgres__string_id(expr) -%}
  cast(cast('x0' || substr(md5(cast({{ expr }} as text)), 1, 15) as bit(64)) as bigint)
{%- endmacro %}

{# STRTOL(text, 16) reads hexadecimal into a BIGINT. The Redshift stand-in has a PostgreSQL
   function of that signature (warehouses/redshift_proxy.py).
   https://docs.aws.amazon.com/redshift/latest/dg/r_STRTOL.html #}
{% macro redshift__string_id(expr) -%}
  strtol(substring(md5(cast({{ expr }} as varchar)), 1, 15), 16)
{%- endmacro %}

{# TO_NUMBER with an X format reads hexadecimal.
   https://docs.snowflake.com/en/sql-reference/functions/to_decimal
   fakesnow (the Snowflake stand-in) has no TO_NUMBER with a format (`SUBSTRING(MD5(...), 1, 15)
   with format argument not implemented`): there only, the 15 digits are added up one by one,
   each its place in '0123456789abcdef' times its power of 16. #}
{% macro snowflake__string_id(expr) -%}
  {%- set hex = 'substr(md5(cast(' ~ expr ~ ' as varchar)), 1, 15)' -%}
  {%- if heap_connect.on_stand_in('snowflake') -%}
    cast(({% for digit in range(15) %}(position(substr({{ hex }}, {{ digit + 1 }}, 1) in '0123456789abcdef') - 1) * {{ 16 ** (14 - digit) }}{{ ' + ' if not loop.last }}{% endfor %}) as bigint)
  {%- else -%}
    cast(to_number({{ hex }}, 'XXXXXXXXXXXXXXX') as bigint)
  {%- endif -%}
{%- endmacro %}

{# MD5 gives BYTES; a '0x' string casts to INT64.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#casting_from_string_to_int64 #}
{% macro bigquery__string_id(expr) -%}
  cast(concat('0x', substr(to_hex(md5(cast({{ expr }} as string))), 1, 15)) as int64)
{%- endmacro %}

{# CONV reads the hexadecimal digits into a decimal string, cast to BIGINT.
   https://spark.apache.org/docs/latest/api/sql/index.html#conv #}
{% macro spark__string_id(expr) -%}
  cast(conv(substr(md5(cast({{ expr }} as string)), 1, 15), 16, 10) as bigint)
{%- endmacro %}

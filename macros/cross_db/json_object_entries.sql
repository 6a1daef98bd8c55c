{#-
  One row per top-level key of the JSON objects in `json_column` of `relation`:
  the `carry_columns`, then `property_key`, `value_text` (strings unquoted, other scalars as
  their JSON text, objects and arrays as JSON, null for a JSON null) and `value_kind`, one of
  integer, number, boolean, string, null, object, array. Rows whose column is SQL NULL or
  not an object give no entries. Property discovery, type inference and the user property
  pivot all read this one relation.
-#}
{% macro json_object_entries(relation, json_column, carry_columns) -%}
  {{ return(adapter.dispatch('json_object_entries', 'heap_connect')(relation, json_column, carry_columns)) }}
{%- endmacro %}

{% macro default__json_object_entries(relation, json_column, carry_columns) -%}
  {{ exceptions.raise_compiler_error("heap_connect.json_object_entries has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}

{# json_each is DuckDB's table function over an object's members; `type` is the member's
   JSON type (UBIGINT/BIGINT for integers). https://duckdb.org/docs/stable/data/json/json_functions #}
{% macro duckdb__json_object_entries(relation, json_column, carry_columns) -%}
  select
    {% for column in carry_columns %}src.{{ column }}, {% endfor %}
    entry.key as property_key,
    case
      when entry.type = 'VARCHAR' then json_extract_string(entry.value, '$')
      when entry.type = 'NULL' then null
      else cast(entry.value as {{ dbt.type_string() }})
    end as value_text,
    case entry.type
      when 'UBIGINT' then 'integer'
      when 'BIGINT' then 'integer'
      when 'DOUBLE' then 'number'
      when 'BOOLEAN' then 'boolean'
      when 'VARCHAR' then 'string'
      when 'NULL' then 'null'
      when 'OBJECT' then 'object'
      when 'ARRAY' then 'array'
    end as value_kind
  from {{ relation }} as src,
    json_each(src.{{ json_column }}) as entry
  where json_type(src.{{ json_column }}) = 'OBJECT'
{%- endmacro %}

{# jsonb_each over objects only; jsonb_typeof names the kind, an integer is a number
   without fraction or exponent. https://www.postgresql.org/docs/current/functions-json.html #}
{% macro postgres__json_object_entries(relation, json_column, carry_columns) -%}
  select
    {% for column in carry_columns %}src.{{ column }}, {% endfor %}
    entry.key as property_key,
    case
      when jsonb_typeof(entry.value) = 'string' then entry.value #>> '{}'
      when jsonb_typeof(entry.value) = 'null' then null
      else entry.value::text
    end as value_text,
    case jsonb_typeof(entry.value)
      when 'number' then case when entry.value::text ~ '^-?[0-9]+$' then 'integer' else 'number' end
      else jsonb_typeof(entry.value)
    end as value_kind
  from {{ relation }} as src
  cross join lateral jsonb_each(
    case when jsonb_typeof(src.{{ json_column }}::jsonb) = 'object' then src.{{ json_column }}::jsonb end
  ) as entry
{%- endmacro %}

{# Redshift: JSON_PARSE to SUPER, then PartiQL's UNPIVOT walks an object's attributes
   (`UNPIVOT obj AS value AT key`); JSON_TYPEOF names the kind, IS_BIGINT tells integers.
   Keys keep their case only with enable_case_sensitive_super_attribute on (set it for the
   dbt user). The Redshift stand-in (PostgreSQL) has no PartiQL: it runs the PostgreSQL form.
   https://docs.aws.amazon.com/redshift/latest/dg/query-super.html#unpivoting
   https://docs.aws.amazon.com/redshift/latest/dg/r_json_typeof.html #}
{% macro redshift__json_object_entries(relation, json_column, carry_columns) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__json_object_entries(relation, json_column, carry_columns)) }}
  {%- endif -%}
  select
    {% for column in carry_columns %}src.{{ column }}, {% endfor %}
    cast(entry_key as {{ dbt.type_string() }}) as property_key,
    case
      when json_typeof(entry_value) = 'string' then cast(entry_value as {{ dbt.type_string() }})
      when json_typeof(entry_value) = 'null' then null
      else json_serialize(entry_value)
    end as value_text,
    case json_typeof(entry_value)
      when 'number' then case when is_bigint(entry_value) then 'integer' else 'number' end
      else json_typeof(entry_value)
    end as value_kind
  from (
    select {% for column in carry_columns %}source_row.{{ column }}, {% endfor %}
      json_parse(source_row.{{ json_column }}) as heap_properties
    from {{ relation }} as source_row
    where is_valid_json(source_row.{{ json_column }})
  ) as src, unpivot src.heap_properties as entry_value at entry_key
  where is_object(src.heap_properties)
{%- endmacro %}

{# LATERAL FLATTEN over the object: one row per key. The kind is read from the value's JSON
   text (TO_JSON), which fakesnow computes as Snowflake does (its TYPEOF does not).
   https://docs.snowflake.com/en/sql-reference/functions/flatten
   https://docs.snowflake.com/en/sql-reference/functions/to_json #}
{% macro snowflake__json_object_entries(relation, json_column, carry_columns) -%}
  select
    {% for column in carry_columns %}src.{{ column }}, {% endfor %}
    cast(entry.key as {{ dbt.type_string() }}) as property_key,
    case
      when is_null_value(entry.value) then null
      when left(to_json(entry.value), 1) in ('{', '[') then to_json(entry.value)
      else cast(entry.value as {{ dbt.type_string() }})
    end as value_text,
    case
      when is_null_value(entry.value) then 'null'
      when left(to_json(entry.value), 1) = '"' then 'string'
      when left(to_json(entry.value), 1) = '{' then 'object'
      when left(to_json(entry.value), 1) = '[' then 'array'
      when to_json(entry.value) in ('true', 'false') then 'boolean'
      when regexp_like(to_json(entry.value), '-?[0-9]+') then 'integer'
      else 'number'
    end as value_kind
  from {{ relation }} as src,
    lateral flatten(input => src.{{ json_column }}) as entry
  where entry.key is not null
{%- endmacro %}

{# JSON_KEYS (depth 1) lists an object's top-level keys; each value by the JSON subscript
   operator, its kind by JSON_TYPE.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_keys
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_type
   crucible (the BigQuery stand-in) has no JSON_KEYS and types a JSON subscript as unknown
   (`TO_JSON_STRING of a UNKNOWN value`). On it only (heap_connect.on_stand_in), the keys
   are read from the document's JSON text: every `"key":` at any depth (a string value's
   quotes are escaped, so none matches inside one), unescaped by PARSE_JSON, once each, and
   kept when the object has it at the top level; subscripts are CAST AS JSON before
   TO_JSON_STRING. test_offline_compile.py parses the real form. #}
{% macro bigquery__json_object_entries(relation, json_column, carry_columns) -%}
  {%- set stand_in = heap_connect.on_stand_in('bigquery') -%}
  {%- set document = 'src.' ~ json_column -%}
  {%- set value = document ~ '[entry_key]' -%}
  {%- set value_json = 'cast(' ~ value ~ ' as json)' if stand_in else value -%}
  select
    {% for column in carry_columns %}src.{{ column }}, {% endfor %}
    entry_key as property_key,
    case
      when json_type({{ value }}) in ('object', 'array') then to_json_string({{ value_json }})
      else json_value({{ value }})
    end as value_text,
    case json_type({{ value }})
      when 'number' then case when regexp_contains(to_json_string({{ value_json }}), '^-?[0-9]+$') then 'integer' else 'number' end
      else json_type({{ value }})
    end as value_kind
  from {{ relation }} as src
  {%- if stand_in %}
  cross join unnest(array(
    select distinct json_value(parse_json(concat('"', quoted_key, '"')))
    from unnest(regexp_extract_all(to_json_string({{ document }}), r'"((?:[^"\\]|\\.)*)":')) as quoted_key
  )) as entry_key
  where json_type({{ document }}) = 'object' and json_type({{ value }}) is not null
  {%- else %}
  cross join unnest(json_keys({{ document }}, 1)) as entry_key
  where json_type({{ document }}) = 'object'
  {%- endif %}
{%- endmacro %}

{# Spark keeps raw JSON as STRING text: TRY_PARSE_JSON makes it a VARIANT (NULL when
   malformed), VARIANT_EXPLODE gives an object's members (key NULL for an array's elements),
   SCHEMA_OF_VARIANT each value's type: BIGINT for an integer (DECIMAL(p,0) past 64 bits),
   DECIMAL(p,s) or DOUBLE for other numbers, STRING, BOOLEAN, OBJECT<...>, ARRAY<...>, VOID
   for null. A string's text is its CAST AS STRING (unquoted), any other value's TO_JSON.
   https://spark.apache.org/docs/latest/api/sql/index.html#variant_explode
   https://spark.apache.org/docs/latest/api/sql/index.html#schema_of_variant #}
{% macro spark__json_object_entries(relation, json_column, carry_columns) -%}
  select
    {% for column in carry_columns %}entries.{{ column }}, {% endfor %}
    entries.property_key,
    case
      when entries.variant_type = 'STRING' then cast(entries.entry_value as {{ dbt.type_string() }})
      when entries.variant_type = 'VOID' then null
      else to_json(entries.entry_value)
    end as value_text,
    case
      when entries.variant_type = 'BIGINT' or entries.variant_type rlike '^DECIMAL[(][0-9]+,0[)]$' then 'integer'
      when entries.variant_type = 'DOUBLE' or entries.variant_type like 'DECIMAL%' then 'number'
      when entries.variant_type = 'BOOLEAN' then 'boolean'
      when entries.variant_type = 'STRING' then 'string'
      when entries.variant_type = 'VOID' then 'null'
      when entries.variant_type like 'OBJECT%' then 'object'
      when entries.variant_type like 'ARRAY%' then 'array'
    end as value_kind
  from (
    select
      {% for column in carry_columns %}src.{{ column }}, {% endfor %}
      entry.key as property_key,
      entry.value as entry_value,
      schema_of_variant(entry.value) as variant_type
    from {{ relation }} as src,
      lateral variant_explode(try_parse_json(src.{{ json_column }})) as entry
    where entry.key is not null
  ) as entries
{%- endmacro %}

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

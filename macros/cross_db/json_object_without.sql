{#-
  The JSON object `json_expr` without the keys that start with `prefix` (none: no prefix), without
  the keys in `keys` (Python strings) and, with `scalars_only`, without the members whose value
  is an object or an array; null when no key is left or `json_expr` is not an object. Values keep
  their JSON types; keys keep their order where the warehouse's JSON keeps it. The result has
  the warehouse's type for raw JSON (generator/heapgen/raw_contract.py; warehouses/
  warehouse_tables.py): JSON text on DuckDB and Redshift, jsonb on PostgreSQL, an OBJECT on
  Snowflake, JSON on BigQuery.
-#}
{% macro json_object_without(json_expr, prefix, keys, scalars_only=false) -%}
  {{ return(adapter.dispatch('json_object_without', 'heap_connect')(json_expr, prefix, keys, scalars_only)) }}
{%- endmacro %}

{% macro default__json_object_without(json_expr, prefix, keys, scalars_only) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.json_object_without has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# json_keys lists an object's keys in order; each value is read back with a JSON Pointer
   (~ and / escaped as ~0 and ~1) and the MAP of what is left becomes an object again.
   https://duckdb.org/docs/stable/data/json/json_functions #}
{% macro duckdb__json_object_without(json_expr, prefix, keys, scalars_only) -%}
  {%- set member = "json_extract(" ~ json_expr ~ ", '/' || replace(replace(k, '~', '~0'), '/', '~1'))" -%}
  case when json_type({{ json_expr }}) = 'OBJECT' then nullif(cast(to_json(map_from_entries(list_transform(
    list_filter(json_keys({{ json_expr }}), lambda k: {% if prefix %}not starts_with(k, {{ heap_connect.sql_string(prefix) }}){% else %}true{% endif %}
      {%- if keys %} and k not in ({% for key in keys %}{{ heap_connect.sql_string(key) }}{{ ', ' if not loop.last }}{% endfor %}){% endif %}
      {%- if scalars_only %} and json_type({{ member }}) not in ('OBJECT', 'ARRAY'){% endif %}),
    lambda k: {'k': k, 'v': {{ member }}}
  ))) as varchar), '{}') end
{%- endmacro %}

{# jsonb_each's members that are kept, aggregated back with jsonb_object_agg (NULL over no
   rows). https://www.postgresql.org/docs/current/functions-json.html#FUNCTIONS-JSON-PROCESSING-TABLE
   https://www.postgresql.org/docs/current/functions-aggregate.html #}
{% macro postgres__json_object_without(json_expr, prefix, keys, scalars_only) -%}
  case when jsonb_typeof(cast({{ json_expr }} as jsonb)) = 'object' then (
    select jsonb_object_agg(member.key, member.value)
    from jsonb_each(cast({{ json_expr }} as jsonb)) as member
    where {% if prefix %}not starts_with(member.key, {{ heap_connect.sql_string(prefix) }}){% else %}true{% endif %}
      {%- if keys %} and member.key not in ({% for key in keys %}{{ heap_connect.sql_string(key) }}{{ ', ' if not loop.last }}{% endfor %}){% endif %}
      {%- if scalars_only %} and jsonb_typeof(member.value) not in ('object', 'array'){% endif %}
  ) end
{%- endmacro %}

{# Redshift keeps raw JSON as VARCHAR text and has no function that lists an object's keys
   outside PartiQL's FROM clause (UNPIVOT), so the members are removed from the text with one
   PCRE REGEXP_REPLACE: a member that stays is matched whole (its value by recursion through
   nested objects, arrays and strings) and stepped over ((*SKIP)(*F)), so nothing inside a
   value is ever touched; a member that goes is removed with the comma before it (the first
   member: the comma after it stays, removed after). Keys are compared as written (a key
   spelling `$` as \u0024 stays).
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_REPLACE.html
   https://docs.aws.amazon.com/redshift/latest/dg/IS_VALID_JSON.html
   https://www.pcre.org/current/doc/html/pcre2pattern.html (DEFINE, recursion, backtracking verbs)
   The Redshift stand-in (PostgreSQL) runs the PostgreSQL form, as JSON text. #}
{% macro redshift__json_object_without(json_expr, prefix, keys, scalars_only) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return('cast(' ~ heap_connect.postgres__json_object_without(json_expr, prefix, keys, scalars_only) ~ ' as ' ~ dbt.type_string() ~ ')') }}
  {%- endif -%}
  {%- set dropped_key -%}
    (?:{% if prefix %}{{ modules.re.escape(prefix) }}(?:[^"\\]|\\.)*+{% else %}(*F){% endif %}{% for key in keys %}|{{ modules.re.escape(key) }}{% endfor %})
  {%- endset -%}
  {%- set definitions -%}
    (?(DEFINE)(?<string>"(?:[^"\\]|\\.)*+")(?<nested>\{(?:[^{}\[\]"]++|(?&string)|(?&nested))*+\}|\[(?:[^{}\[\]"]++|(?&string)|(?&nested))*+\])(?<value>(?&string)|(?&nested)|[^\s,{}\[\]"]++))
  {%- endset -%}
  {#- with scalars_only, a member whose value is an object or an array goes too -#}
  {%- set dropped_member -%}
    {%- if scalars_only %}(?:"{{ dropped_key }}"\s*+:\s*+(?&value)|"(?:[^"\\]|\\.)*+"\s*+:\s*+(?&nested))
    {%- else %}"{{ dropped_key }}"\s*+:\s*+(?&value){% endif -%}
  {%- endset -%}
  {%- set kept_member %}"(?!{{ dropped_key }}")(?:[^"\\]|\\.)*+"\s*+:\s*+{% if scalars_only %}(?![{\[]){% endif %}(?&value)(*SKIP)(*F){% endset -%}
  {%- set first_member %}(?<=\{)\s*+{{ dropped_member }}{% endset -%}
  {%- set later_member %}\s*+,\s*+{{ dropped_member }}{% endset -%}
  {%- set removed = "regexp_replace(regexp_replace(" ~ json_expr ~ ", "
        ~ heap_connect.sql_string(definitions ~ kept_member ~ '|' ~ first_member ~ '|' ~ later_member) ~ ", '', 1, 'p'), "
        ~ heap_connect.sql_string('^\\s*\\{\\s*,') ~ ", '{', 1, 'p')" -%}
  case when is_valid_json({{ json_expr }}) and regexp_instr({{ json_expr }}, {{ heap_connect.sql_string('^\\s*\\{') }}, 1, 1, 0, 'p') > 0
    and regexp_instr({{ removed }}, {{ heap_connect.sql_string('^\\s*\\{\\s*\\}\\s*$') }}, 1, 1, 0, 'p') = 0
    then {{ removed }} end
{%- endmacro %}

{# OBJECT_KEYS, FILTER with a lambda, OBJECT_PICK with an ARRAY of the keys to keep.
   https://docs.snowflake.com/en/sql-reference/functions/is_object
   https://docs.snowflake.com/en/sql-reference/functions/object_keys
   https://docs.snowflake.com/en/sql-reference/functions/filter
   https://docs.snowflake.com/en/sql-reference/functions/object_pick
   fakesnow (the Snowflake stand-in) has neither IS_OBJECT nor OBJECT_PICK (`Catalog Error:
   Scalar Function with name is_object does not exist!`, the same for object_pick): there
   only, an object is told by its JSON text (TO_JSON) and rebuilt as JSON text from the kept
   keys and their values, then PARSE_JSON. #}
{% macro snowflake__json_object_without(json_expr, prefix, keys, scalars_only) -%}
  {%- set kept -%}
    filter(object_keys({{ json_expr }}), member_key -> {% if prefix %}not startswith(member_key::varchar, {{ heap_connect.sql_string(prefix) }}){% else %}true{% endif %}
      {%- if keys %} and member_key::varchar not in ({% for key in keys %}{{ heap_connect.sql_string(key) }}{{ ', ' if not loop.last }}{% endfor %}){% endif %}
      {%- if scalars_only %} and left(to_json(get({{ json_expr }}, member_key::varchar)), 1) not in ('{', '['){% endif %})
  {%- endset -%}
  {%- if heap_connect.on_stand_in('snowflake') -%}
    case when left(to_json({{ json_expr }}), 1) = '{' then case when array_size({{ kept }}) > 0 then parse_json('{' || array_to_string(transform({{ kept }},
      member_key -> to_json(member_key::varchar) || ':' || to_json(get({{ json_expr }}, member_key::varchar))), ',') || '}') end end
  {%- else -%}
    case when is_object({{ json_expr }}) then case when array_size({{ kept }}) > 0 then object_pick({{ json_expr }}, {{ kept }}) end end
  {%- endif -%}
{%- endmacro %}

{# JSON_KEYS (depth 1) lists the top-level keys; JSON_OBJECT builds the object again from an
   ARRAY of the kept keys and an ARRAY of their values (the JSON subscript operator).
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_keys
   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_object
   crucible (the BigQuery stand-in) has no JSON_KEYS (see json_object_entries), and turns
   JSON_OBJECT of two ARRAY subqueries into invalid SQL (`Parser Error: syntax error at or near
   "SELECT"`): there only, the keys are read from the document's JSON text as in
   json_object_entries (every `"key":`, unescaped by PARSE_JSON, kept when the object has it at
   the top level) and the object is written as JSON text, then PARSE_JSON.
   test_offline_compile.py parses the real form. #}
{% macro bigquery__json_object_without(json_expr, prefix, keys, scalars_only) -%}
  {%- set condition -%}
    {% if prefix %}not starts_with(member_key, {{ heap_connect.sql_string(prefix) }}){% else %}true{% endif %}
    {%- if keys %} and member_key not in ({% for key in keys %}{{ heap_connect.sql_string(key) }}{{ ', ' if not loop.last }}{% endfor %}){% endif %}
    {%- if scalars_only %} and coalesce(json_type({{ json_expr }}[member_key]), '') not in ('object', 'array'){% endif %}
  {%- endset -%}
  {%- if heap_connect.on_stand_in('bigquery') -%}
  case when json_type({{ json_expr }}) = 'object' then parse_json(concat('{', (
    select string_agg(concat('"', quoted_key, '":', to_json_string(cast({{ json_expr }}[member_key] as json))), ',')
    from (
      select distinct quoted_key, json_value(parse_json(concat('"', quoted_key, '"'))) as member_key
      from unnest(regexp_extract_all(to_json_string({{ json_expr }}), r'"((?:[^"\\]|\\.)*)":')) as quoted_key
    )
    where {{ condition }} and json_type({{ json_expr }}[member_key]) is not null
  ), '}')) end
  {%- else -%}
  case when json_type({{ json_expr }}) = 'object'
    and exists (select 1 from unnest(json_keys({{ json_expr }}, 1)) as member_key where {{ condition }})
  then json_object(
    array(select member_key from unnest(json_keys({{ json_expr }}, 1)) as member_key with offset as member_position
      where {{ condition }} order by member_position),
    array(select {{ json_expr }}[member_key] from unnest(json_keys({{ json_expr }}, 1)) as member_key with offset as member_position
      where {{ condition }} order by member_position)
  ) end
  {%- endif -%}
{%- endmacro %}

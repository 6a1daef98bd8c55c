{#-
  The JSON object `json_expr` without the keys that start with `prefix` and without the keys in
  `keys` (Python strings); null when no key is left or `json_expr` is not an object. Keys keep
  their order and values their JSON text.
-#}
{% macro json_object_without(json_expr, prefix, keys) -%}
  {{ return(adapter.dispatch('json_object_without', 'heap_connect')(json_expr, prefix, keys)) }}
{%- endmacro %}

{% macro default__json_object_without(json_expr, prefix, keys) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.json_object_without has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# json_keys lists an object's keys in order; each value is read back with a JSON Pointer
   (~ and / escaped as ~0 and ~1) and the MAP of what is left becomes an object again.
   https://duckdb.org/docs/stable/data/json/json_functions #}
{% macro duckdb__json_object_without(json_expr, prefix, keys) -%}
  case when json_type({{ json_expr }}) = 'OBJECT' then nullif(cast(to_json(map_from_entries(list_transform(
    list_filter(json_keys({{ json_expr }}), lambda k: not starts_with(k, {{ heap_connect.sql_string(prefix) }})
      {%- if keys %} and k not in ({% for key in keys %}{{ heap_connect.sql_string(key) }}{{ ', ' if not loop.last }}{% endfor %}){% endif %}),
    lambda k: {'k': k, 'v': json_extract({{ json_expr }}, '/' || replace(replace(k, '~', '~0'), '/', '~1'))}
  ))) as varchar), '{}') end
{%- endmacro %}

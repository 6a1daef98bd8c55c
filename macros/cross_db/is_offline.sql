{#-
  True when dbt compiles with no warehouse to ask (var heap_connect__offline: true, with
  `dbt compile --no-populate-cache`): the macros that query the warehouse while compiling
  (property inference, all_events' column lookup, the migration cycle check, deduplicate's
  column list) then answer as dbt's parse does, so the compiled SQL of every model can be
  checked for each warehouse's syntax without credentials (tests/python/test_offline_compile.py).
  The compiled SQL is complete except for the property columns.
-#}
{% macro is_offline() -%}
  {{ return(var('heap_connect__offline', false) in (true, 'true', 'True', 1, '1')) }}
{%- endmacro %}

{#-
  True when dbt runs against a local stand-in of `warehouse` rather than the warehouse itself
  (warehouses/stand_ins.py sets HEAP_CONNECT_REDSHIFT_STAND_IN=1 for its Redshift target and
  HEAP_CONNECT_BIGQUERY_STAND_IN=1 for crucible, fakesnow_dbt.py sets HEAP_CONNECT_FAKESNOW=1).
  Only for the few overrides whose real SQL the stand-in cannot run (Redshift's PartiQL
  UNPIVOT and DATEDIFF dateparts on PostgreSQL; BigQuery's JSON_KEYS, TO_JSON_STRING of a
  JSON subscript, UPDATE and DELETE on crucible):
  they fall back to SQL the stand-in runs, and tests/python/test_offline_compile.py parses
  the real SQL with sqlglot. Never set in production.
-#}
{% macro on_stand_in(warehouse) -%}
  {%- if warehouse == 'redshift' -%}
    {{ return(env_var('HEAP_CONNECT_REDSHIFT_STAND_IN', '') == '1') }}
  {%- elif warehouse == 'bigquery' -%}
    {{ return(env_var('HEAP_CONNECT_BIGQUERY_STAND_IN', '') == '1') }}
  {%- elif warehouse == 'snowflake' -%}
    {{ return(env_var('HEAP_CONNECT_FAKESNOW', '') == '1') }}
  {%- else -%}
    {{ return(false) }}
  {%- endif -%}
{%- endmacro %}

{#
  fakesnow only (HEAP_CONNECT_FAKESNOW=1, set by warehouses/fakesnow_dbt.py): build an incremental
  model's __dbt_tmp relation as a TRANSIENT table instead of dbt-snowflake's default
  temporary view.

  Why: for merge/append, dbt-snowflake runs `create or replace temporary view DB.SCHEMA.x__dbt_tmp`,
  which fakesnow rejects with `TEMPORARY table names can *only* use the "temp" catalog` (an
  unqualified name instead silently loses a column added with on_schema_change). A transient
  table lives in the model's schema and is dropped at the end of the materialization, so
  every strategy and on_schema_change work as on Snowflake.

  Copies the signature of `dbt_snowflake_get_tmp_relation_type(strategy, unique_key, language)`
  (dbt-snowflake 1.12.4, macros/materializations/incremental.sql), which the snowflake
  incremental materialization calls by plain name, so the root project's macro wins. Off
  fakesnow, an explicit `tmp_relation_type` config, or a non-SQL model, it returns what the
  adapter's own macro returns. Re-check when upgrading dbt-snowflake.
#}
{% macro dbt_snowflake_get_tmp_relation_type(strategy, unique_key, language) %}
  {%- if heap_connect.on_stand_in('snowflake')
        and language == 'sql'
        and config.get('tmp_relation_type') is none -%}
    {{ return('transient') }}
  {%- endif -%}
  {{ return(dbt.dbt_snowflake_get_tmp_relation_type(strategy, unique_key, language)) }}
{% endmacro %}

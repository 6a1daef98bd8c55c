{#
  fakesnow only (HEAP_CONNECT_FAKESNOW=1, set by warehouses/fakesnow_dbt.py): run DML without the
  explicit `begin; ...; commit;` around it.

  Why: dbt-snowflake wraps every incremental INSERT/MERGE/DELETE and TRUNCATE in an explicit
  transaction. Under fakesnow the MERGE then fails with `Attempting to write to database
  "_fs_global" in a transaction that has already modified database ...` (DuckDB allows one
  attached database written per transaction, and fakesnow keeps its information schema in
  `_fs_global`). Each statement alone is atomic, which is all the stand-in needs.

  Copies snowflake_dml_explicit_transaction(dml) (dbt-snowflake 1.12.4, macros/adapters.sql),
  called by plain name from the adapter's macros, so the root project's macro wins. Off
  fakesnow it returns the adapter's own wrapping. Re-check when upgrading dbt-snowflake.
#}
{% macro snowflake_dml_explicit_transaction(dml) %}
  {%- if heap_connect.on_stand_in('snowflake') -%}
    {{ return(dml) }}
  {%- endif -%}
  {{ return(dbt.snowflake_dml_explicit_transaction(dml)) }}
{% endmacro %}

{#-
  Overrides dbt's is_incremental() (dbt-adapters, global_project/macros/materializations/
  models/incremental/is_incremental.sql), which looks the model's table up in the warehouse.
  When compiling offline (heap_connect.is_offline) nothing may be looked up: every model
  compiles in its rebuild form, as heap_connect.rebuild_reason says (offline compile).
  Otherwise it is dbt's own, which asks heap_connect's should_full_refresh.
-#}
{% macro is_incremental() -%}
  {%- if heap_connect.is_offline() -%}{{ return(false) }}{%- endif -%}
  {{ return(dbt.is_incremental()) }}
{%- endmacro %}

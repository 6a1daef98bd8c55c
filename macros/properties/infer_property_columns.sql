{#-
  The property columns for a set of JSON property entries (a heap_connect.json_object_entries
  query): heap_connect.property_columns of their heap_connect.property_profile. Runs a query,
  so it answers [] while dbt parses (and compiles offline, heap_connect.is_offline).
-#}
{% macro infer_property_columns(entries_sql, reserved=[], table=none) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return([]) }}{%- endif -%}
  {{ return(heap_connect.property_columns(run_query(heap_connect.property_profile(entries_sql)).rows, reserved, table)) }}
{%- endmacro %}

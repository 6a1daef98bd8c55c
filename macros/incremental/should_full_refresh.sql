{#-
  Overrides dbt's should_full_refresh (the incremental materialization and is_incremental()
  ask it): `--full-refresh` or a `full_refresh` config as in dbt, and otherwise whenever
  heap_connect.rebuild_reason gives a reason to rebuild the model's table from all history:
  it is built as a new table that dbt swaps in; so is `users` copied into a new column order
  with its batch (heap_connect.model_column_order_change). (Event tables are synced by
  heap_connect.apply_event_tables, not by dbt's incremental materialization.)
-#}
{% macro should_full_refresh() -%}
  {%- set configured = config.get('full_refresh') -%}
  {%- if configured is none -%}{%- set configured = flags.FULL_REFRESH -%}{%- endif -%}
  {%- if configured -%}{{ return(true) }}{%- endif -%}
  {{ return(heap_connect.rebuild_reason() is not none or heap_connect.model_column_order_change() is not none) }}
{%- endmacro %}

{#-
  Why the current model's table (one that carries the user property columns,
  heap_connect.sync_policy: users, the one model dbt materializes with property columns) must be copied into a full build's column order with its batch this sync, or
  none: heap_connect.column_order_change of its columns before the sync and its layout
  (heap_connect.users_layout). Built through dbt's build-and-swap
  (heap_connect.should_full_refresh); none when it is rebuilt from history anyway. Asks the
  warehouse once per node (heap_connect.node_cache).
-#}
{% macro model_column_order_change() -%}
  {%- if not execute or heap_connect.sync_policy()['property_columns'] != 'user' or heap_connect.rebuild_reason() is not none -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- if 'column_order_change' not in cache -%}
    {%- do cache.update({'column_order_change': heap_connect.column_order_change(heap_connect.prior_columns(), heap_connect.users_layout())}) -%}
  {%- endif -%}
  {{ return(cache['column_order_change']) }}
{%- endmacro %}

{#-
  Why the current event table (or `users`) must be copied into a new column order this sync, or none.
  dbt's `on_schema_change: append_new_columns` adds a new property column after the table's
  last column (no warehouse can place an added column), while a full build puts it among the
  property columns by name, before the event-scope defined properties. When the table's
  columns with the batch's new ones appended are not in that order, the model is built from
  the table's own rows and its batch (heap_connect.event_table) through dbt's build-and-swap
  (heap_connect.should_full_refresh): one copy of the table, not a pass over all history. A
  table in an order of its own (built before this rule) is put in order the same way. None
  for other models, a table rebuilt from history anyway and an archived one (it stays as it
  is). Asks the warehouse once per node (heap_connect.node_cache).
-#}
{% macro column_order_change() -%}
  {%- set users = model.name == 'users' -%}
  {%- if not execute or ('heap_event' not in model.tags and not users) or heap_connect.rebuild_reason() is not none -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- if 'column_order_change' not in cache -%}
    {%- set reason = none -%}
    {%- if heap_connect.model_state_hash() != 'archived' -%}
      {%- set prior = [] -%}
      {#- column names compare in lower case: Snowflake describes unquoted names in upper case #}
      {%- for column in heap_connect.prior_columns() %}{% do prior.append(column.name | lower) %}{% endfor -%}
      {%- set layout = heap_connect.users_layout() if users else heap_connect.event_table_batch_layout(model.alias) -%}
      {%- set wanted = layout | map(attribute='name') | list -%}
      {%- set added = [] -%}
      {%- for name in wanted if name not in prior %}{% do added.append(name) %}{% endfor -%}
      {%- if prior + added != wanted -%}
        {%- set reason = 'new column ' ~ added | join(', ') if added else 'column order' -%}
      {%- endif -%}
    {%- endif -%}
    {%- do cache.update({'column_order_change': reason}) -%}
  {%- endif -%}
  {{ return(cache['column_order_change']) }}
{%- endmacro %}

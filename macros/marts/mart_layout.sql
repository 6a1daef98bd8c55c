{#-
  Every column the current mart model (heap_connect.mart_columns) has after this sync, in
  table order: {'copied': each column of the table it copies, as that table has it now
  ({name, column: its name in the mart, type}), then 'added': the mart's own ({name, type})}.
  The copied table is read from the warehouse (built earlier in this invocation): its
  property columns and types are whatever it holds. A copied column whose name the mart adds
  itself (a user property key `session_count`, a defined property `Referrer Medium`) keeps
  its values under the name the project gives a property key that a table reserves
  (heap_connect.property_key_column: `property_session_count`). Offline, while dbt parses, or
  before the copied table exists: its built-in columns and defined properties.
  Asked by the model's SQL and by heap_connect.rebuild_reason; worked out once per node
  (heap_connect.node_cache).
-#}
{% macro mart_layout() -%}
  {%- set cache = heap_connect.node_cache() if execute else {} -%}
  {%- if 'mart_layout' in cache -%}{{ return(cache['mart_layout']) }}{%- endif -%}
  {%- set mart = heap_connect.mart_columns(model.name) -%}
  {%- set source = [] -%}
  {%- if execute and not heap_connect.is_offline() -%}
    {%- for column in adapter.get_columns_in_relation(ref(mart['copies'])) -%}
      {%- do source.append({'name': column.name | lower, 'type': heap_connect.logical_type(column)}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- if not source -%}
    {%- for column in heap_connect.spec_columns(mart['copies']) -%}
      {%- do source.append({'name': column['name'], 'type': column['type']}) -%}
    {%- endfor -%}
    {%- for property in heap_connect.defined_properties(mart['scope']) -%}
      {%- do source.append({'name': property['column'], 'type': 'text'}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set added_names = mart['columns'] | map(attribute='name') | list -%}
  {%- set reserved = added_names + source | map(attribute='name') | list -%}
  {%- set copied = [] -%}
  {%- for column in source -%}
    {%- set name = heap_connect.property_key_column(column['name'], reserved) if column['name'] in added_names else column['name'] -%}
    {%- do copied.append({'name': column['name'], 'column': name, 'type': column['type']}) -%}
  {%- endfor -%}
  {%- set layout = {'copied': copied, 'added': mart['columns']} -%}
  {%- do cache.update({'mart_layout': layout}) -%}
  {{ return(layout) }}
{%- endmacro %}

{#- _event_metadata: one row per synced labeled event, rebuilt from the definitions on every
    sync (table_name, ui_name, last_updated_at/by, notes, source, verified_at/by), as literal
    rows (heap_connect.literal_rows). -#}
{% macro event_metadata(labels) -%}
  {%- set values = {
      'table_name': 'label_id', 'ui_name': 'name', 'last_updated_at': 'last_updated_at',
      'last_updated_by': 'last_updated_by', 'notes': 'notes', 'source': 'source',
      'verified_at': 'verified_at', 'verified_by': 'verified_by'} -%}
  {%- set columns = [] -%}
  {%- set keys = [] -%}
  {%- for column in heap_connect.spec_columns('_event_metadata') -%}
    {%- do columns.append((heap_connect.quote_column(column['name']), heap_connect.type_for(column['type']))) -%}
    {%- do keys.append(values[column['name']]) -%}
  {%- endfor -%}
  {%- set rows = [] -%}
  {%- for label in labels -%}
    {%- set row = [] -%}
    {%- for key in keys %}{% do row.append('null' if label[key] is none else heap_connect.sql_string(label[key])) %}{% endfor -%}
    {%- do rows.append(row) -%}
  {%- endfor -%}
  {{ heap_connect.literal_rows(columns, rows) }}
{%- endmacro %}

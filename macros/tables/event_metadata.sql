{#- _event_metadata: one row per synced labeled event, rebuilt from the definitions on every
    sync (table_name, ui_name, last_updated_at/by, notes, source, verified_at/by). -#}
{% macro event_metadata(labels) -%}
  {%- set columns = heap_connect.spec_columns('_event_metadata') -%}
  {%- set values = {
      'table_name': 'label_id', 'ui_name': 'name', 'last_updated_at': 'last_updated_at',
      'last_updated_by': 'last_updated_by', 'notes': 'notes', 'source': 'source',
      'verified_at': 'verified_at', 'verified_by': 'verified_by'} -%}
  {%- for label in labels %}
  select
    {%- for column in columns %}
    {%- set value = label[values[column['name']]] %}
    cast({{ 'null' if value is none else heap_connect.sql_string(value) }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- else %}
  select
    {%- for column in columns %}
    cast(null as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
  where 1 = 0
  {%- endfor %}
{%- endmacro %}

{#- The rows of the current event table that its batch does not rewrite, with `columns`
    ({name, type}, heap_connect.event_table_batch_layout) in that order, each cast to its
    type; a column the table does not have yet is null in them. The first part of an event
    table copied into a new column order (heap_connect.column_order_change); the batch's rows
    follow. -#}
{% macro event_table_prior_rows(columns) -%}
  {%- set held = [] -%}
  {%- for column in heap_connect.prior_columns() %}{% do held.append(column.name | lower) %}{% endfor -%}
select
  {%- for column in columns %}
    {%- set value = 'held.' ~ heap_connect.quote_column(column['name']) if column['name'] in held else 'null' %}
    cast({{ value }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
from {{ this }} as held
where not exists (
  select 1 from {{ ref('int_event_batch') }} as b where b.event_id = held.event_id
)
{%- endmacro %}

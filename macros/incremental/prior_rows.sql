{#- The rows of a table (`relation`; `prior`: its adapter Columns) that its batch does not
    rewrite (no row of `batch`, a relation, has their `key`), with `columns` ({name, type}) in
    that order, each cast to its type; a column the table does not have yet is null in them.
    The first part of a table copied into a full build's column order with its batch (an
    event table: heap_connect.event_table_plan; users: heap_connect.model_column_order_change);
    the batch's rows follow. -#}
{% macro prior_rows(relation, prior, columns, key, batch) -%}
  {%- set held = [] -%}
  {%- for column in prior %}{% do held.append(column.name | lower) %}{% endfor -%}
select
  {%- for column in columns %}
    {%- set value = 'held.' ~ heap_connect.quote_column(column['name']) if column['name'] in held else 'null' %}
    cast({{ value }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
from {{ relation }} as held
where not exists (
  select 1 from {{ batch }} as b where b.{{ key }} = held.{{ key }}
)
{%- endmacro %}

{#- The rows of an event table (`plan`, heap_connect.event_table_plan) that its batch does
    not rewrite, with the plan's layout in that order, each cast to its type; a column the
    table does not have yet is null in them. The first part of an event table copied into
    a new column order; the batch's rows follow. -#}
{% macro event_table_prior_rows(plan) -%}
  {%- set held = [] -%}
  {%- for column in plan['prior'] %}{% do held.append(column.name | lower) %}{% endfor -%}
select
  {%- for column in plan['layout'] %}
    {%- set value = 'held.' ~ heap_connect.quote_column(column['name']) if column['name'] in held else 'null' %}
    cast({{ value }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- if not loop.last %},{% endif %}
  {%- endfor %}
from {{ plan['relation'] }} as held
where not exists (
  select 1 from {{ ref('int_event_batch') }} as b where b.event_id = held.event_id
)
{%- endmacro %}

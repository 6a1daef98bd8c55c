{#-
  One labeled event's table (`plan`, heap_connect.event_table_plan) as a query over `rows`
  (the sync's event-table rows, heap_connect.event_table_rows): its label's rows with the
  seed's event-table columns for the libraries the definition can match, then one column
  per custom property seen on its events (snake_case, typed from their values), then the
  event-scope defined properties; after the table's other rows when it is copied into a
  new column order (its rows of events that only moved to another user are moved first:
  heap_connect.apply_event_tables). An archived property's column stays, empty in every row
  written from then on.
-#}
{% macro event_table(plan, rows) -%}
  {%- set label = plan['label'] -%}
  {%- set archived = [] -%}
  {%- for name in label['archived_properties'] %}{% do archived.append(heap_connect.property_key_column(name, heap_connect.event_table_reserved())) %}{% endfor -%}
{%- if plan['action'] == 'reorder' %}
{{ heap_connect.prior_rows(plan['relation'], plan['prior'], plan['layout'], 'event_id',
    '(select event_id from ' ~ ref('int_event_batch') ~ ' where rows_rewritten)') }}
union all
{%- endif %}
  {%- set fixed = heap_connect.event_table_fixed_columns(label['libraries']) %}
select
    {{ fixed['builtin'] | join(',\n    ') }}
  {%- if plan['properties'] %},{{ heap_connect.property_select(plan['properties'], 'r.heap_properties', archived) }}{% endif %}
  {%- for column in fixed['defined'] %},
    {{ column }}
  {%- endfor %}
from {{ rows }} as r
where r.heap_label_id = {{ heap_connect.sql_string(label['label_id']) }}
{%- endmacro %}

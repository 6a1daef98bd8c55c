{#-
  One labeled event's table (`plan`, heap_connect.event_table_plan) as a query: every event
  tagged with its label in int_events_labeled, with the seed's event-table columns for the
  libraries the definition can match, the session-level fields of the event's session,
  session_time, then one column per custom property seen on its events (snake_case, typed
  from their values), then the event-scope defined properties: in all history for a
  rebuild, else the batch's events (int_event_batch carries their columns: a batch never
  scans all of int_events), after the table's other rows when it is copied into a new
  column order. An archived property's column stays, empty in every row written from then on.
-#}
{% macro event_table(plan) -%}
  {%- set label = plan['label'] -%}
  {%- set archived = [] -%}
  {%- for name in label['archived_properties'] %}{% do archived.append(heap_connect.property_key_column(name, heap_connect.event_table_reserved())) %}{% endfor -%}
{%- if plan['action'] == 'reorder' %}
{{ heap_connect.event_table_prior_rows(plan) }}
union all
{%- endif %}
select
  {{- heap_connect.event_columns_select(heap_connect.event_table_columns(label['libraries']), 'e', 's') }}
  {%- if plan['properties'] %},{{ heap_connect.property_select(plan['properties'], 'e.properties', archived) }}{% endif %}
  {{- heap_connect.defined_property_select('event', 'e', 's') }}
from {{ ref('int_events_labeled') }} as t
inner join {{ ref('int_events') if plan['action'] == 'rebuild' else ref('int_event_batch') }} as e
  on e.event_id = t.event_id
left join {{ ref('int_sessions') }} as s
  on s.session_id = e.session_id
{{ heap_connect.user_map_join('e.user_id') }}
where t.label_id = {{ heap_connect.sql_string(label['label_id']) }}
{%- endmacro %}

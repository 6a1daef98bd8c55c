{#-
  One labeled event's table: every event tagged with `label_id` in int_events_labeled, with
  the seed's event-table columns for the libraries the definition can match, the session-level
  fields of the event's session, session_time, then one column per custom property seen on
  its events (snake_case, type inferred when the model runs, so a new property needs no
  regeneration). `definition_hash` ties the generated model to the definition it was built from.
  An archived event's model is incremental and adds nothing once its table exists: the table
  keeps what it holds (un-archiving makes it a table again, rebuilt from all history).
-#}
{% macro event_table(label_id, definition_hash=none) -%}
  {%- set label = heap_connect.labeled_event(label_id) -%}
  {%- set builtin = heap_connect.event_table_columns(label['libraries']) -%}
  {%- set reserved = [] -%}
  {%- for column in heap_connect.spec_columns('event_table') %}{% do reserved.append(column['name']) %}{% endfor -%}
  {%- do reserved.extend(heap_connect.defined_properties('event') | map(attribute='column')) -%}
  {%- set tagged -%}
    (
      select e.event_id, e.properties
      from {{ ref('int_events_labeled') }} as t
      inner join {{ ref('int_events') }} as e
        on e.event_id = t.event_id
      where t.label_id = {{ heap_connect.sql_string(label_id) }}
    )
  {%- endset -%}
  {%- set entries = heap_connect.json_object_entries(tagged, 'properties', ['event_id']) -%}
  {%- set properties = heap_connect.infer_property_columns(entries, reserved) %}
select
  {{- heap_connect.event_columns_select(builtin, 'e', 's') }}
  {%- if properties %},{{ heap_connect.property_select(properties, 'e.properties') }}{% endif %}
  {{- heap_connect.defined_property_select('event', 'e', 's') }}
from {{ ref('int_events_labeled') }} as t
inner join {{ ref('int_events') }} as e
  on e.event_id = t.event_id
left join {{ ref('int_sessions') }} as s
  on s.session_id = e.session_id
{{ heap_connect.user_map_join('e.user_id') }}
where t.label_id = {{ heap_connect.sql_string(label_id) }}
{%- if label['archived'] and is_incremental() %}
  and 1 = 0
{%- endif %}
{%- endmacro %}

{#-
  One labeled event's table: every event tagged with `label_id` in int_events_labeled, with
  the seed's event-table columns for the libraries the definition can match, the session-level
  fields of the event's session, session_time, then one column per custom property seen on
  its events (snake_case, type inferred when the model runs, so a new property needs no
  regeneration).

  Built from all history when heap_connect.rebuild_reason says so (first sync, a changed
  definition, an un-archive, a property type that must widen); otherwise only the batch
  (int_event_batch): its rows were deleted by the pre-hook and are inserted again, new
  property columns added, existing ones kept with their types. Columns are always in a full
  build's order (built-in, property columns by name, defined properties): when appending a
  new property column would break it, the table's other rows are copied with the batch's
  into a table in that order instead (heap_connect.column_order_change). A build from all history
  takes its column types from int_label_property_profile when that profiled all history
  (a first sync, --full-refresh), else from its own pass over its tagged events. An
  archived event's table takes nothing. An archived property's column stays, empty in every row written from then on.
-#}
{% macro event_table(label_id) -%}
  {%- set design = heap_connect.physical_design('event') -%}
  {%- if design %}{% do config(**design) %}{% endif -%}
  {%- set label = heap_connect.labeled_event(label_id) -%}
  {%- set builtin = heap_connect.event_table_columns(label['libraries']) -%}
  {%- set reserved = heap_connect.event_table_reserved() -%}
  {%- set incremental = heap_connect.rebuild_reason() is none -%}
  {%- if incremental -%}
    {%- set properties = heap_connect.event_table_batch_columns(label_id, reserved) -%}
  {%- else -%}
    {#- a first sync or --full-refresh profiled every label in one pass -#}
    {%- set properties = heap_connect.label_history_columns(label_id, reserved) -%}
  {%- endif -%}
  {#- a new property column that appending would put out of place: the table is copied
      into a full build's column order, its batch rows written anew (column_order_change) -#}
  {%- set reorder = incremental and heap_connect.column_order_change() is not none -%}
  {%- if properties is none -%}
    {%- set tagged -%}
      (
        select e.event_id, e.properties
        from {{ ref('int_events_labeled') }} as t
        inner join {{ ref('int_events') }} as e
          on e.event_id = t.event_id
        where t.label_id = {{ heap_connect.sql_string(label_id) }}
      )
    {%- endset -%}
    {%- set properties = heap_connect.infer_property_columns(
        heap_connect.json_object_entries(tagged, 'properties', ['event_id']), reserved) -%}
  {%- endif -%}
  {%- set archived = [] -%}
  {%- for name in label['archived_properties'] %}{% do archived.append(heap_connect.property_key_column(name, reserved)) %}{% endfor %}
-- depends_on: {{ ref('int_label_property_profile') }}, {{ ref('int_events') }}, {{ ref('int_event_batch') }}
{{ heap_connect.build_comment() }}
{%- if reorder %}
{{ heap_connect.event_table_prior_rows(heap_connect.event_table_batch_layout(label_id)) }}
union all
{%- endif %}
select
  {{- heap_connect.event_columns_select(builtin, 'e', 's') }}
  {%- if properties %},{{ heap_connect.property_select(properties, 'e.properties', archived) }}{% endif %}
  {{- heap_connect.defined_property_select('event', 'e', 's') }}
from {{ ref('int_events_labeled') }} as t
{#- the batch carries its events' columns: a batch never scans all of int_events #}
inner join {{ ref('int_event_batch') if incremental else ref('int_events') }} as e
  on e.event_id = t.event_id
left join {{ ref('int_sessions') }} as s
  on s.session_id = e.session_id
{{ heap_connect.user_map_join('e.user_id') }}
where t.label_id = {{ heap_connect.sql_string(label_id) }}
{%- if label['archived'] and incremental %}
  and 1 = 0
{%- endif %}
{%- endmacro %}

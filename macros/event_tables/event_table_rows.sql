{#-
  The query of every row the event tables write this sync, written once per sync in the
  tag table's label order (heap_connect.in_tag_order: the tags are read first, the events
  joined to them) so that each table then reads only its own rows (on DuckDB, the zone
  maps of heap_label_id), never all events again: per tagged event,
  its label (heap_label_id), every built-in event-table column as the event tables have it
  (heap_connect.event_columns_select: session fields from its session, user_id after
  migrations), the event-scope defined properties and its properties document
  (heap_properties). The labels in `history` take all their tagged events (a table
  rebuilt), every other label the batch's whose rows are written again (int_event_batch's
  `rows_rewritten`: not those that only move to another user); `all_labels`: `history` holds
  every label (a first sync, --full-refresh), which needs no filter.
-#}
{% macro event_table_rows(history, all_labels=false) -%}
  {%- set quoted = [] -%}
  {%- for label_id in history %}{% do quoted.append(heap_connect.sql_string(label_id)) %}{% endfor -%}
  {%- set parts = [] -%}
  {#- (events, the labels' test, a condition on the events) -#}
  {%- if history -%}{%- do parts.append((ref('int_events'), 'in', none)) -%}{%- endif -%}
  {%- if not all_labels -%}{%- do parts.append((ref('int_event_batch'), 'not in', 'e.rows_rewritten')) -%}{%- endif -%}
select * from (
  {%- for events, test, condition in parts %}
  select
    t.label_id as heap_label_id,
    {{- heap_connect.event_columns_select(heap_connect.spec_columns('event_table'), 'e', 's') }}
    {{- heap_connect.defined_property_select('event', 'e', 's', table_expr='t.label_id') }},
    e.properties as heap_properties
  from {{ ref('int_events_labeled') }} as t
  inner join {{ events }} as e
    on e.event_id = t.event_id
  left join {{ ref('int_sessions') }} as s
    on s.session_id = e.session_id
  {{ heap_connect.user_map_join('e.user_id') }}
  {%- set conditions = ['t.label_id ' ~ test ~ ' (' ~ quoted | join(', ') ~ ')'] if quoted and not all_labels else [] -%}
  {%- if condition %}{% do conditions.append(condition) %}{% endif %}
  {%- if conditions %}
  where {{ conditions | join(' and ') }}
  {%- endif %}
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
) as tagged_rows
{%- endmacro %}

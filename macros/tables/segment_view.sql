{#-
  One segment's view: the user_id of every user in `users` for whom the segment's condition
  holds (heap_connect.segment_members). User properties are the users columns, read as text
  when the view is built (a property no user has is unset); behaviour is counted in the
  labeled events' output tables (user ids already migrated); `within_days` counts back from
  heap_connect.segments_as_of(), compiled into the view. `definition_hash` ties the generated
  model to the definition it was built from.
-#}
{% macro segment_view(segment_id, definition_hash=none) -%}
  {%- set segment = heap_connect.segment(segment_id) -%}
  {%- set as_of = heap_connect.segments_as_of() %}
-- segment as of {{ as_of.strftime('%Y-%m-%d %H:%M:%S') }} (UTC)
{{ heap_connect.segment_members(segment['where'], as_of) }}
{%- endmacro %}

{#-
  One segment's view: the user_id of every user in `users` for whom the segment's condition
  holds (heap_connect.segment_condition). User properties are the users columns, read as text
  when the view is built (a property no user has is unset); behaviour is counted in the
  labeled events' output tables (user ids already migrated); `within_days` counts back from
  heap_connect.segments_as_of(), compiled into the view. `definition_hash` ties the generated
  model to the definition it was built from.
-#}
{% macro segment_view(segment_id, definition_hash=none) -%}
  {%- set segment = heap_connect.segment(segment_id) -%}
  {%- set users = ref('users') -%}
  {%- set user_columns = {} -%}
  {%- if execute and not heap_connect.is_offline() -%}
    {%- for column in adapter.get_columns_in_relation(users) if column.name | lower != 'user_id' -%}
      {%- do user_columns.update({column.name | lower: 'u.' ~ heap_connect.quote_column(column.name | lower)}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set as_of = heap_connect.segments_as_of() %}
-- segment as of {{ as_of.strftime('%Y-%m-%d %H:%M:%S') }} (UTC)
select
    cast(u.user_id as {{ dbt.type_bigint() }}) as user_id
from {{ users }} as u
where {{ heap_connect.segment_condition(segment['where'], 'u', user_columns, as_of) }}
{%- endmacro %}

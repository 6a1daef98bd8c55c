{#-
  The expression of one built-in column of an event row (pageviews, event tables):
  session-level fields from the event's session `s`, never from the event `e` itself (so a
  session event that arrives late still fills them); session_time is the seconds from the
  session's start to the event; user_id is the user the event belongs to after migrations
  (the caller joins heap_connect.user_map_join as `m`); everything else is the event's own field.
-#}
{% macro event_column_expr(column_name, event_alias='e', session_alias='s') -%}
  {%- if column_name == 'user_id' -%}
    {{ heap_connect.resolved_user_id(event_alias ~ '.user_id') }}
  {%- elif column_name in heap_connect.session_field_names() -%}
    {{ session_alias }}.{{ heap_connect.quote_column(column_name) }}
  {%- elif column_name == 'session_time' -%}
    {{ heap_connect.seconds_between(session_alias ~ '.' ~ heap_connect.quote_column('time'), event_alias ~ '.' ~ heap_connect.quote_column('time')) }}
  {%- else -%}
    {{ event_alias }}.{{ heap_connect.quote_column(column_name) }}
  {%- endif -%}
{%- endmacro %}

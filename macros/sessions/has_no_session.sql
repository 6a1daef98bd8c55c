{#- The condition that `alias`'s raw event is a client-side event without a session id: it
    joins a session cut by inactivity (heap_connect.inactivity_sessions). Server-side events
    have no session. -#}
{% macro has_no_session(alias) -%}
  ({{ alias }}.session_id is null and {{ alias }}.library <> 'server')
{%- endmacro %}

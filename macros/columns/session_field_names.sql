{#- The session-level fields: every sessions column but the session's own ids, time and
    library. Events take these from their session, never from their own row. -#}
{% macro session_field_names() -%}
  {%- set own = ['event_id', 'user_id', 'session_id', 'time', 'library'] -%}
  {%- set names = [] -%}
  {%- for column in heap_connect.spec_columns('sessions') if column['name'] not in own -%}
    {%- do names.append(column['name']) -%}
  {%- endfor -%}
  {{ return(names) }}
{%- endmacro %}

{#- What a labeled event's table is built from, as its sync state records it: `archived`
    while archived (un-archiving then rebuilds it), else its definition's hash, followed by
    `|` and the event-scope defined properties' hash when there are any. -#}
{% macro event_table_state_hash(label) -%}
  {%- if label['archived'] -%}{{ return('archived') }}{%- endif -%}
  {%- set properties = heap_connect.defined_properties_hash('event') -%}
  {{ return(label['definition_hash'] ~ '|' ~ properties if properties else label['definition_hash']) }}
{%- endmacro %}

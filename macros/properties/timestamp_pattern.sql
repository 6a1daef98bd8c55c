{#- A string property whose every value matches this is typed timestamp: an ISO-8601 date or
    date-time without a time zone (all Heap Connect times are UTC without time zone). No
    backslashes, so the literal means the same in every warehouse. -#}
{% macro timestamp_pattern() -%}
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?$'
{%- endmacro %}

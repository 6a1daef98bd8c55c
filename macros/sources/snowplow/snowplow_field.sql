{#- The text of field `key` (a Python string such as 'targetUrl') of the row's self-describing
    event's data (`unstruct_data`, base_snowplow__events): heap_connect.json_extract_text, for
    the Snowplow staging models. -#}
{% macro snowplow_field(key) -%}
  {{ return(heap_connect.json_extract_text('unstruct_data', key)) }}
{%- endmacro %}

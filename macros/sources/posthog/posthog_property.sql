{#- The text of PostHog event property `key` (a Python string such as '$current_url') of the
    row's `properties`: heap_connect.json_extract_text, for the PostHog staging models. -#}
{% macro posthog_property(key) -%}
  {{ return(heap_connect.json_extract_text('properties', key)) }}
{%- endmacro %}

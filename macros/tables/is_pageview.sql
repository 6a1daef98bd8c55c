{#- A pageview: a web `view page` or an iOS / Android `view screen` event. -#}
{% macro is_pageview(event_alias='e') -%}
  (({{ event_alias }}.library = 'web' and {{ event_alias }}.{{ heap_connect.quote_column('type') }} = 'view page')
    or ({{ event_alias }}.library in ('iOS', 'android') and {{ event_alias }}.{{ heap_connect.quote_column('type') }} = 'view screen'))
{%- endmacro %}

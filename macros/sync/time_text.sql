{#- A time the warehouse returned (a Python datetime, or text where the adapter gives text) as
    text 'YYYY-MM-DD HH:MM:SS.ffffff', none for null: for a line heapgen reads as JSON. -#}
{% macro time_text(value) -%}
  {%- if value is none -%}{{ return(none) }}{%- endif -%}
  {{ return(value.strftime('%Y-%m-%d %H:%M:%S.%f') if value.strftime is defined else value | string) }}
{%- endmacro %}

{#- A timestamp literal (UTC, no time zone) for a Python datetime. -#}
{% macro timestamp_literal(value) -%}
  cast({{ heap_connect.sql_string(value.strftime('%Y-%m-%d %H:%M:%S.%f')) }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

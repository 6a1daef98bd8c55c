{#-
  Heap's `browser`, `platform` or `device_type` (`field`) read from the raw user agent string
  `useragent_expr`, for events whose enrichments (br_family, os_family, dvce_type) are empty:
  the first rule of heapgen.snowplow.USERAGENT_RULES whose pattern (a SQL LIKE pattern) the
  user agent matches; null when none does.
-#}
{% macro snowplow_useragent_field(useragent_expr, rules) -%}
  case
  {%- for value, patterns in rules %}
    when {% for pattern in patterns %}{{ useragent_expr }} like {{ heap_connect.sql_string(pattern) }}{{ ' or ' if not loop.last }}{% endfor %} then {{ heap_connect.sql_string(value) }}
  {%- endfor %}
  end
{%- endmacro %}

{#- The value of the parameter `name` (plain letters, digits and `_`: a click id such as
    gclid) in the query string `expr` (`?a=1&gclid=...`, with or without its `?`), as
    written (not URL-decoded): up to the next `&` or `#`. Null when the parameter is not
    there or is empty. The pattern needs no capture group or backslash
    (heap_connect.regexp_substr); the parameter's `&`, `?`, name and `=` are cut from the match. -#}
{% macro url_query_parameter(expr, name) -%}
  {%- set found = heap_connect.regexp_substr(dbt.concat(["'&'", expr]), heap_connect.sql_string('[?&]' ~ name ~ '=[^&#]*')) -%}
  nullif({{ dbt.right(found, dbt.length(found) ~ ' - ' ~ (name | length + 2)) }}, '')
{%- endmacro %}

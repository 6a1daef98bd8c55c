{#- The host of the URL `expr` (a SQL expression of text), in lower case: after `scheme://`
    (or from the start, for a URL written without one, as landing_page is: example.com/pricing)
    up to the first `/`, `?`, `#` or `:`. Null when `expr` is null or names no host (empty,
    or a path `/pricing`). Built from dbt's cross-database split_part and position. -#}
{% macro url_host(expr) -%}
  {%- set host = namespace(expr='case when ' ~ dbt.position("'://'", expr) ~ ' > 0 then '
      ~ dbt.split_part(expr, "'://'", 2) ~ ' else ' ~ expr ~ ' end') -%}
  {%- for delimiter in ['/', '?', '#', ':'] -%}
    {%- set host.expr = dbt.split_part(host.expr, "'" ~ delimiter ~ "'", 1) -%}
  {%- endfor -%}
  nullif(lower({{ host.expr }}), '')
{%- endmacro %}

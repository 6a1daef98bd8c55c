{#-
  The one-element hierarchy of the element a link click, form submission or form change names
  (heapgen.snowplow.element_hierarchy states the rule; tests/python/test_snowplow.py compares
  both): `tag#id.class1.class2`, its id and classes left out when they hold a space, `#`, `.`
  or `[` (no selector could match them). `tag_expr`, `id_expr`: SQL text; `classes_json`: a
  JSON array of class names (raw JSON of the warehouse's type), of which the first
  `max_classes` are read.
-#}
{% macro snowplow_hierarchy(tag_expr, id_expr, classes_json, max_classes=16) -%}
  lower({{ tag_expr }})
  || case when {{ heap_connect.snowplow_usable_name(id_expr) }} then '#' || {{ id_expr }} else '' end
  {%- for index in range(max_classes) %}
  {%- set name = heap_connect.json_array_element_text(classes_json, index) %}
  || case when {{ heap_connect.snowplow_usable_name(name) }} then '.' || {{ name }} else '' end
  {%- endfor %}
{%- endmacro %}

{#- True when the name `expr` (SQL text) is not null or empty and holds no space, `#`, `.` or
    `[` (heapgen.posthog.NAME_STOPS). -#}
{% macro snowplow_usable_name(expr) -%}
  coalesce({{ expr }}, '') <> ''
  {%- for stop in [' ', '#', '.', '['] %} and {{ dbt.position(heap_connect.sql_string(stop), expr) }} = 0{% endfor %}
{%- endmacro %}

{#- SQL for one compiled criterion: its libraries, raw types and custom flag, and all of its
    filters. Never true for `session` events (the caller excludes them). -#}
{% macro criterion_condition(criterion, e='e', s='s') -%}
  {%- set parts = [] -%}
  {%- if criterion['libraries'] -%}
    {%- set items = [] -%}
    {%- for library in criterion['libraries'] -%}{%- do items.append(heap_connect.sql_string(library)) -%}{%- endfor -%}
    {%- do parts.append(e ~ '.library in (' ~ items | join(', ') ~ ')') -%}
  {%- endif -%}
  {%- if criterion['types'] -%}
    {%- set items = [] -%}
    {%- for type in criterion['types'] -%}{%- do items.append(heap_connect.sql_string(type)) -%}{%- endfor -%}
    {%- do parts.append(e ~ '.' ~ heap_connect.quote_column('type') ~ ' in (' ~ items | join(', ') ~ ')') -%}
  {%- endif -%}
  {%- if criterion['is_custom'] is not none -%}
    {%- do parts.append('coalesce(' ~ e ~ '.is_custom, false) = ' ~ ('true' if criterion['is_custom'] else 'false')) -%}
  {%- endif -%}
  {%- for filter in criterion['filters'] -%}
    {%- do parts.append(heap_connect.filter_condition(filter, e, s)) -%}
  {%- endfor -%}
  ({{ parts | join('\n      and ') if parts else 'true' }})
{%- endmacro %}

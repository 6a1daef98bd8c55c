{#- SQL for one compiled criterion: its libraries, raw types and custom flag, and all of its
    filters. Never true for `session` events (the caller excludes them). With both, the
    filters are under `case when <library, type, custom> then ... else false end`: the tag
    pass computes every label for every event in one projection, where an `and` evaluates
    all its operands on all rows, and a CASE evaluates its THEN only on the rows its WHEN
    holds for (the filters' regular expressions then run on clicks only, not on every
    event: half the tag pass's time at 1M events and 100 labels, decision 0015). False
    where the plain `and` would be null: the same rows match (callers filter on it). -#}
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
  {%- set filters = [] -%}
  {%- for filter in criterion['filters'] -%}
    {%- do filters.append(heap_connect.filter_condition(filter, e, s)) -%}
  {%- endfor -%}
  {%- if parts and filters -%}
  (case when {{ parts | join('\n      and ') }}
      then {{ filters | join('\n      and ') }}
      else false end)
  {%- else -%}
  ({{ (parts + filters) | join('\n      and ') if parts or filters else 'true' }})
  {%- endif -%}
{%- endmacro %}

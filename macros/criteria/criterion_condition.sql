{#- SQL for one compiled criterion: its gate (libraries, raw types and custom flag:
    heap_connect.criterion_gate) and all of its filters. Never true for `session` events
    (the caller excludes them). With both, the filters are under
    `case when <gate> then ... else false end`: the tag pass computes every label for
    every event in one projection, where an `and` evaluates all its operands on all rows,
    and a CASE evaluates its THEN only on the rows its WHEN holds for (the filters' regular
    expressions then run on clicks only, not on every event: half the tag pass's time at 1M
    events and 100 labels, decision 0015). False where the plain `and` would be null: the
    same rows match (callers filter on it). -#}
{% macro criterion_condition(criterion, e='e', s='s') -%}
  {%- set parts = heap_connect.criterion_gate(criterion, e) -%}
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

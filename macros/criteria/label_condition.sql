{#- SQL for a labeled event: the OR of its compiled criteria (combos already expanded). -#}
{% macro label_condition(label, e='e', s='s') -%}
  {%- set parts = [] -%}
  {%- for criterion in label['criteria'] -%}
    {%- do parts.append(heap_connect.criterion_condition(criterion, e, s)) -%}
  {%- endfor -%}
  ({{ parts | join('\n    or ') }})
{%- endmacro %}

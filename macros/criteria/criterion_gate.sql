{#- The conditions of a compiled criterion that need none of its filters: its libraries, raw
    types and custom flag, as SQL on `e` ([] when it has none). heap_connect.criterion_condition
    evaluates the filters under them; heap_connect.tag_events classifies only the events they
    hold for. -#}
{% macro criterion_gate(criterion, e='e') -%}
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
  {{ return(parts) }}
{%- endmacro %}

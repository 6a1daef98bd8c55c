{#-
  A condition on `loaded_at` that holds for the rows loaded on `days` (dates of
  heap_connect.unread_arrival_days; none: no loaded_at): consecutive days become one range,
  so that a warehouse can skip the other rows by their loaded_at (DuckDB's zone maps).
  False when `days` is empty.
-#}
{% macro arrival_condition(days) -%}
  {%- set ranges = [] -%}
  {%- for day in days | reject('none') -%}
    {%- set next_day = day + modules.datetime.timedelta(days=1) -%}
    {%- if ranges and ranges[-1]['end'] == day -%}
      {%- do ranges[-1].update({'end': next_day}) -%}
    {%- else -%}
      {%- do ranges.append({'start': day, 'end': next_day}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set conditions = [] -%}
  {%- for range in ranges -%}
    {%- do conditions.append('(loaded_at >= ' ~ heap_connect.timestamp_literal(range['start'])
        ~ ' and loaded_at < ' ~ heap_connect.timestamp_literal(range['end']) ~ ')') -%}
  {%- endfor -%}
  {%- if none in days -%}{%- do conditions.append('loaded_at is null') -%}{%- endif -%}
  {{ return(conditions | join(' or ') if conditions else '1 = 0') }}
{%- endmacro %}

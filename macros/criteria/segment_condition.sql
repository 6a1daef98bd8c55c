{#-
  SQL for one compiled segment condition (see generator/heapgen/segments.py) on the users row
  `u`, a boolean that is never null:
  - all_of / any_of: the AND / OR of the nested conditions;
  - user_property: heap_connect.filter_condition on the users column's text
    (`user_columns`: {users column: expression}; a column users lacks is unset);
  - did / did_not: whether the user has (has not) at least `at_least` rows in the labeled
    event's output table, counting only events at or after `as_of` minus `within_days` days
    when that is set.
-#}
{% macro segment_condition(condition, u, user_columns, as_of) -%}
  {%- set kind = condition['kind'] -%}
  {%- if kind in ('all_of', 'any_of') -%}
    {%- set parts = [] -%}
    {%- for child in condition['conditions'] -%}
      {%- do parts.append(heap_connect.segment_condition(child, u, user_columns, as_of)) -%}
    {%- endfor -%}
    ({{ parts | join('\n    ' ~ ('and' if kind == 'all_of' else 'or') ~ ' ') }})
  {%- elif kind == 'user_property' -%}
    {{ heap_connect.filter_condition(condition['filter'], value_expr=heap_connect.field_text(condition['filter'], user_columns=user_columns)) }}
  {%- elif kind in ('did', 'did_not') -%}
    ({{ u }}.user_id {{ 'not in' if kind == 'did_not' else 'in' }} (
      select user_id
      from {{ ref(condition['model']) }}
      where user_id is not null
      {%- if condition['within_days'] %}
        and {{ heap_connect.quote_column('time') }} >= {{ heap_connect.timestamp_literal(as_of - modules.datetime.timedelta(days=condition['within_days'] | int)) }}
      {%- endif %}
      group by user_id
      having count(*) >= {{ condition['at_least'] | int }}
    ))
  {%- else -%}
    {{ exceptions.raise_compiler_error("heap_connect.segment_condition: unknown condition kind '" ~ kind ~ "'") }}
  {%- endif -%}
{%- endmacro %}

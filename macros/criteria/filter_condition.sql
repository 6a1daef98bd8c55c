{#-
  SQL for one compiled filter (see generator/heapgen/criteria.py): a boolean that is never
  null. Event fields are read from `e`, session-level fields from the session `s`, custom
  properties from e.properties. Values reach SQL only through heap_connect.sql_string.
  Negative operators (not_*) are true when the property is unset. `value_expr`, when given, is
  the (text) expression to test instead (defined properties, segments: heap_connect.field_text).
-#}
{% macro filter_condition(filter, e='e', s='s', value_expr=none) -%}
  {%- if value_expr is not none -%}
    {%- set expr = value_expr -%}
  {%- elif filter['source'] == 'property' -%}
    {%- set expr = heap_connect.json_extract_text(e ~ '.properties', filter['name']) -%}
  {%- elif filter['source'] == 'session' -%}
    {%- set expr = s ~ '.' ~ heap_connect.quote_column(filter['name']) -%}
  {%- else -%}
    {%- set expr = e ~ '.' ~ heap_connect.quote_column(filter['name']) -%}
  {%- endif -%}
  {%- if filter['case_insensitive'] -%}{%- set expr = 'lower(' ~ expr ~ ')' -%}{%- endif -%}
  {%- set op = filter['op'] -%}
  {%- set value = heap_connect.sql_string(filter['value']) if filter['value'] is string else filter['value'] -%}
  {%- if op == 'equals' -%}                coalesce({{ expr }} = {{ value }}, false)
  {%- elif op == 'not_equals' -%}          coalesce({{ expr }} <> {{ value }}, true)
  {%- elif op == 'contains' -%}            coalesce({{ dbt.position(value, expr) }} > 0, false)
  {%- elif op == 'not_contains' -%}        coalesce({{ dbt.position(value, expr) }} = 0, true)
  {%- elif op == 'starts_with' -%}         coalesce({{ dbt.position(value, expr) }} = 1, false)
  {%- elif op == 'ends_with' -%}           coalesce({{ dbt.right(expr, filter['value'] | length) }} = {{ value }}, false)
  {%- elif op == 'regex' -%}               coalesce({{ heap_connect.regexp_matches(expr, heap_connect.sql_string(heap_connect.regex_for(filter['value']))) }}, false)
  {%- elif op in ('in', 'not_in') -%}
    {%- set items = [] -%}
    {%- for item in filter['values'] -%}{%- do items.append(heap_connect.sql_string(item)) -%}{%- endfor -%}
    {%- if op == 'in' -%}                  coalesce({{ expr }} in ({{ items | join(', ') }}), false)
    {%- else -%}                           coalesce({{ expr }} not in ({{ items | join(', ') }}), true)
    {%- endif -%}
  {%- elif op in ('gt', 'gte', 'lt', 'lte') -%}
    {%- set symbol = {'gt': '>', 'gte': '>=', 'lt': '<', 'lte': '<='}[op] -%}
                                           coalesce({{ heap_connect.safe_cast_double(expr) }} {{ symbol }} {{ value | float }}, false)
  {%- elif op == 'is_set' -%}              ({{ expr }} is not null)
  {%- elif op == 'is_not_set' -%}          ({{ expr }} is null)
  {%- else -%}
    {{ exceptions.raise_compiler_error("heap_connect.filter_condition: unknown operator '" ~ op ~ "'") }}
  {%- endif -%}
{%- endmacro %}

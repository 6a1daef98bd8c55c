{#-
  One defined property's value on a row: the value of its first case whose filters all hold
  (each filter through heap_connect.filter_condition on heap_connect.field_text), else its
  default, else null; as text. A literal value is checked by heapgen (at most 256
  characters); a computed value ({property: ...}) longer than 256 characters fails the query,
  and so the sync (the seed: values over 256 characters make updates fail), with a message
  naming the property, the table (`table_expr`, a SQL expression, where one query writes
  several tables' rows, else the current model's), the row (`row_id`: [name, expression], e.g.
  ['event_id', 'e.event_id']: the raw row to fix) and the start of the value.
-#}
{% macro defined_property_value(property, e='e', s='s', user_columns={}, row_id=none, table_expr=none) -%}
  {%- set values = [] -%}
  {%- for value in [property['default']] + property['cases'] | map(attribute='value') | list -%}
    {%- if value is none -%}
      {%- do values.append('cast(null as ' ~ dbt.type_string() ~ ')') -%}
    {%- elif value['kind'] == 'literal' -%}
      {%- do values.append(heap_connect.sql_string(value['text'])) -%}
    {%- else -%}
      {%- set text = heap_connect.field_text(value, e, s, user_columns) -%}
      {%- set parts = [
          heap_connect.sql_string("heap_connect: defined property '" ~ property['name'] ~ "' (column " ~ property['column'] ~ ") has a value of "),
          'cast(' ~ dbt.length(text) ~ ' as ' ~ dbt.type_string() ~ ')',
          heap_connect.sql_string(' characters')] -%}
      {%- if table_expr is not none -%}
        {%- do parts.extend([heap_connect.sql_string(' in table '), 'cast(' ~ table_expr ~ ' as ' ~ dbt.type_string() ~ ')']) -%}
      {%- elif this is defined and this is not none -%}
        {%- do parts.append(heap_connect.sql_string(' in table ' ~ this.identifier)) -%}
      {%- endif -%}
      {%- if row_id is not none -%}
        {%- do parts.extend([heap_connect.sql_string(' at ' ~ row_id[0] ~ ' '),
            'cast(' ~ row_id[1] ~ ' as ' ~ dbt.type_string() ~ ')']) -%}
      {%- endif -%}
      {%- do parts.extend([heap_connect.sql_string(" (value starting '"), 'substr(' ~ text ~ ', 1, 40)',
          heap_connect.sql_string("...'); Heap Connect allows at most 256: fix that raw row, or define the property from a bounded field; every sync fails until then")]) -%}
      {%- set message = dbt.concat(parts) -%}
      {%- do values.append('case when ' ~ dbt.length(text) ~ ' > 256 then ' ~ heap_connect.raise_error(message) ~ ' else ' ~ text ~ ' end') -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if property['cases'] | length == 0 -%}
    cast({{ values[0] }} as {{ dbt.type_string() }})
  {%- else -%}
    cast(case
    {%- for case in property['cases'] %}
      {%- set conditions = [] %}
      {%- for filter in case['filters'] %}
        {%- do conditions.append(heap_connect.filter_condition(filter, e, s, heap_connect.field_text(filter, e, s, user_columns))) %}
      {%- endfor %}
      when {{ conditions | join(' and ') }} then {{ values[loop.index] }}
    {%- endfor %}
      else {{ values[0] }}
    end as {{ dbt.type_string() }})
  {%- endif -%}
{%- endmacro %}

{#-
  One defined property's value on a row: the value of its first case whose filters all hold
  (each filter through heap_connect.filter_condition on heap_connect.field_text), else its
  default, else null; as text. A literal value is checked by heapgen (at most 256
  characters); a computed value ({property: ...}) longer than 256 characters fails the query,
  and so the sync, with a message naming the property (the seed: values over 256 characters
  make updates fail).
-#}
{% macro defined_property_value(property, e='e', s='s', user_columns={}) -%}
  {%- set values = [] -%}
  {%- for value in [property['default']] + property['cases'] | map(attribute='value') | list -%}
    {%- if value is none -%}
      {%- do values.append('cast(null as ' ~ dbt.type_string() ~ ')') -%}
    {%- elif value['kind'] == 'literal' -%}
      {%- do values.append(heap_connect.sql_string(value['text'])) -%}
    {%- else -%}
      {%- set text = heap_connect.field_text(value, e, s, user_columns) -%}
      {%- set message = dbt.concat([
          heap_connect.sql_string("heap_connect: defined property '" ~ property['name'] ~ "' (column " ~ property['column'] ~ ") has a value of "),
          'cast(' ~ dbt.length(text) ~ ' as ' ~ dbt.type_string() ~ ')',
          heap_connect.sql_string(' characters; Heap Connect allows at most 256')]) -%}
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

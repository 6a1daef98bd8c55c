{#- The columns of the users table `users` but user_id, as {column: '<alias>.<column>'}
    (lower-cased; {} while dbt parses or compiles offline): the `user_columns` that
    heap_connect.segment_condition and heap_connect.field_text read user properties from, as
    segment views and `heapgen preview` do. -#}
{% macro users_columns(users, alias='u') -%}
  {%- set columns = {} -%}
  {%- if execute and not heap_connect.is_offline() -%}
    {%- for column in adapter.get_columns_in_relation(users) if column.name | lower != 'user_id' -%}
      {%- do columns.update({column.name | lower: alias ~ '.' ~ heap_connect.quote_column(column.name | lower)}) -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(columns) }}
{%- endmacro %}

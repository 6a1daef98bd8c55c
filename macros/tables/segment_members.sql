{#- The user_id of every user in `users` for whom the compiled segment condition `where`
    (generator/heapgen/segments.py) holds as of `as_of` (heap_connect.segment_condition):
    a segment's view (heap_connect.segment_view), and what `heapgen preview --segment`
    counts. -#}
{% macro segment_members(where, as_of) -%}
  {%- set users = ref('users') -%}
select
    cast(u.user_id as {{ dbt.type_bigint() }}) as user_id
from {{ users }} as u
where {{ heap_connect.segment_condition(where, 'u', heap_connect.users_columns(users, 'u'), as_of) }}
{%- endmacro %}

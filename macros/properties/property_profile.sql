{#-
  Per property key seen (also keys only ever sent as null), and per `group_by` column, how
  many non-null values of each kind the entries hold: the rows heap_connect.property_columns
  types. `entries_sql` is a heap_connect.json_object_entries query.
-#}
{% macro property_profile(entries_sql, group_by=[]) -%}
  select
    {% for column in group_by %}{{ column }}, {% endfor %}property_key,
    sum(case when value_kind <> 'null' then 1 else 0 end) as n_values,
    sum(case when value_kind = 'integer' then 1 else 0 end) as n_integer,
    sum(case when value_kind in ('integer', 'number') then 1 else 0 end) as n_number,
    sum(case when value_kind = 'boolean' then 1 else 0 end) as n_boolean,
    sum(case when value_kind = 'string' and {{ heap_connect.regexp_matches('value_text', heap_connect.timestamp_pattern()) }} then 1 else 0 end) as n_timestamp
  from ({{ entries_sql }}) as entries
  group by {% for column in group_by %}{{ column }}, {% endfor %}property_key
{%- endmacro %}

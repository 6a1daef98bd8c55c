{#-
  One row per `id_column` with the latest value of each property column (latest by `time`,
  then `loaded_at`, then key): `columns` from heap_connect.infer_property_columns, each cast
  to its type. A key sent as JSON null clears the value; a key not sent changes nothing.
  `entries_sql` is a heap_connect.json_object_entries query carrying id_column, time and
  loaded_at.
-#}
{% macro latest_property_values(entries_sql, columns, id_column='user_id') -%}
  select
    {{ id_column }}
    {%- for column in columns %},
    cast(max(case when column_name = {{ heap_connect.sql_string(column['name']) }} then value_text end)
      as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}
    {%- endfor %}
  from (
    select
      {{ id_column }},
      column_name,
      value_text,
      row_number() over (
        partition by {{ id_column }}, column_name
        order by {{ heap_connect.quote_column('time') }} desc, loaded_at desc, property_key desc
      ) as recency
    from (
      select
        entries.*,
        {{ heap_connect.property_column_name('entries.property_key', columns) }} as column_name
      from ({{ entries_sql }}) as entries
    ) as named
    where column_name is not null
  ) as ranked
  where recency = 1
  group by {{ id_column }}
{%- endmacro %}

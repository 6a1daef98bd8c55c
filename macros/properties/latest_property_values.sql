{#-
  One row per `id_column` with the latest value of each property column (latest by `time`,
  then `loaded_at`, then key): `columns` from heap_connect.infer_property_columns, each cast
  to its type. A key sent as JSON null clears the value; a key not sent changes nothing. An
  entry with `set_once` (PostHog's `$set_once`) sets a value only while nothing else has:
  it counts only when no entry without it exists, and then the earliest wins (by time, then
  loaded_at). `entries_sql` is a heap_connect.json_object_entries query carrying id_column,
  time, loaded_at and set_once.
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
        order by
          case when set_once then 1 else 0 end,
          case when not set_once then {{ heap_connect.quote_column('time') }} end desc,
          case when not set_once then loaded_at end desc,
          case when set_once then {{ heap_connect.quote_column('time') }} end,
          case when set_once then loaded_at end,
          property_key desc
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

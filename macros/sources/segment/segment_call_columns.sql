{#-
  The columns every Segment / RudderStack call table gives base_segment__events, under its
  names: id, anonymous_id, user_id, time, loaded_at (the kind's arrival column), session (the
  kind's session column as text, or null) and the `context_*` columns the mapping reads
  (heapgen.segment.CONTEXT_COLUMNS), each followed by a comma. `columns`: the table's
  (heap_connect.segment_table_columns).
-#}
{% macro segment_call_columns(columns, settings) -%}
  {%- set string = dbt.type_string() -%}
    {{ heap_connect.segment_column(columns, 'id', string) }} as id,
    {{ heap_connect.segment_column(columns, 'anonymous_id', string) }} as anonymous_id,
    {{ heap_connect.segment_column(columns, 'user_id', string) }} as user_id,
    {{ heap_connect.segment_column(columns, 'timestamp', dbt.type_timestamp()) }} as {{ heap_connect.quote_column('time') }},
    {{ heap_connect.segment_column(columns, settings['arrival'], dbt.type_timestamp()) }} as loaded_at,
    {% if settings['session'] -%}
    cast({{ heap_connect.segment_column(columns, settings['session'], dbt.type_bigint()) }} as {{ string }})
    {%- else -%}
    cast(null as {{ string }})
    {%- endif %} as session,
    {%- for name in settings['context_columns'] %}
    {{ heap_connect.segment_column(columns, name, string) }} as {{ name }},
    {%- endfor %}
{%- endmacro %}

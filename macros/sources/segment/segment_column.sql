{#-
  Column `name` of a Segment / RudderStack table as `sql_type`, or a null of that type when
  the table has no such column (`columns`: heap_connect.segment_table_columns; none when
  unknown). The name is a plain identifier (heapgen.definitions checks the configured ones).
-#}
{% macro segment_column(columns, name, sql_type) -%}
  {%- if columns is none or name | lower in columns -%}
    cast({{ heap_connect.quote_column(name) }} as {{ sql_type }})
  {%- else -%}
    cast(null as {{ sql_type }})
  {%- endif -%}
{%- endmacro %}

{#- heap_connect.schema_columns from one query of information_schema.columns (the source of
    dbt-postgres' and dbt-duckdb's own column lookups). -#}
{% macro information_schema_columns(schema_relation, tables) -%}
  {%- set columns = {} -%}
  {%- if not tables -%}{{ return(columns) }}{%- endif -%}
  {%- set wanted = [] -%}
  {%- for table in tables %}{% do wanted.append(heap_connect.sql_string(table | lower)) %}{% endfor -%}
  {%- set rows = run_query('select lower(table_name), column_name, data_type, character_maximum_length, numeric_precision, numeric_scale'
      ~ ' from information_schema.columns where table_schema = ' ~ heap_connect.sql_string(schema_relation.schema)
      ~ (' and table_catalog = ' ~ heap_connect.sql_string(schema_relation.database) if schema_relation.database else '')
      ~ ' and lower(table_name) in (' ~ wanted | join(', ') ~ ') order by 1, ordinal_position').rows -%}
  {%- for row in rows -%}
    {%- do columns.setdefault(row[0], []).append(api.Column(row[1], row[2], row[3], row[4], row[5])) -%}
  {%- endfor -%}
  {{ return(columns) }}
{%- endmacro %}

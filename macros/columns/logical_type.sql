{#- The logical type (bigint, double, boolean, timestamp, text) of a column read back from
    the warehouse (an adapter Column), for comparing built tables with the column spec;
    `other:<dtype>` when it is none of them. Uses the adapter's own Column predicates.
    Snowflake stores every integer type as NUMBER(38,0): a numeric of scale 0 is bigint.
    Spark names its types string, int, tinyint and decimal(p,s), which dbt's base Column
    predicates do not list. -#}
{% macro logical_type(column) -%}
  {%- set dtype = column.dtype | lower -%}
  {%- if 'bool' in dtype -%}{{ return('boolean') }}
  {%- elif 'timestamp' in dtype or 'datetime' in dtype -%}{{ return('timestamp') }}
  {%- elif column.is_string() or dtype in ('json', 'text', 'string') -%}{{ return('text') }}
  {%- elif column.is_float() -%}{{ return('double') }}
  {%- elif column.is_integer() or dtype in ('int64', 'bigint', 'number(38,0)', 'int', 'tinyint') or (column.is_numeric() and column.numeric_scale == 0) or modules.re.fullmatch('decimal[(][0-9]+, ?0[)]', dtype) -%}{{ return('bigint') }}
  {%- else -%}{{ return('other:' ~ dtype) }}
  {%- endif -%}
{%- endmacro %}

{#-
  The lower-case names of the columns of a Segment / RudderStack table (`relation`, a
  source()), or none while dbt parses or compiles offline (every column is then taken to
  exist). Segment and RudderStack create a column only when a value first arrives for it, so a
  column the mapping reads may not exist yet: heap_connect.segment_column reads null for it.
-#}
{% macro segment_table_columns(relation) -%}
  {%- if execute and not heap_connect.is_offline() -%}
    {{ return(adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list) }}
  {%- endif -%}
  {{ return(none) }}
{%- endmacro %}

{#- The built-in columns of a Heap Connect table from the column spec seed:
    a list of {name, type, libraries}, in the seed's order. -#}
{% macro spec_columns(table_name) -%}
  {%- set spec = heap_connect.heap_connect_column_spec() -%}
  {%- if table_name not in spec -%}
    {{ exceptions.raise_compiler_error("heap_connect.spec_columns: no table '" ~ table_name ~ "' in the column spec") }}
  {%- endif -%}
  {{ return(spec[table_name]) }}
{%- endmacro %}

{#-
  Why the current model, which copies every column of another table (sync policy `copies`:
  an opt-in mart), must be rebuilt from all history this sync, or none: its table (as this
  sync found it, heap_connect.prior_columns) no longer has the columns heap_connect.mart_layout
  gives, by name, order and logical type: the copied table gained a column (a new user
  property: `users` puts it among its property columns, before the mart's own), lost one
  (rebuilt after a user deletion) or widened one's type. Appending a column would put it
  after the mart's own columns, where a full build does not, so the mart is built again.
-#}
{% macro copied_columns_change() -%}
  {%- set held = [] -%}
  {#- column names compare in lower case: Snowflake describes unquoted names in upper case #}
  {%- for column in heap_connect.prior_columns() -%}
    {%- do held.append((column.name | lower, heap_connect.logical_type(column))) -%}
  {%- endfor -%}
  {%- set layout = heap_connect.mart_layout() -%}
  {%- set wanted = [] -%}
  {%- for column in layout['copied'] -%}
    {%- do wanted.append((column['column'], column['type'])) -%}
  {%- endfor -%}
  {%- for column in layout['added'] -%}
    {%- do wanted.append((column['name'], column['type'])) -%}
  {%- endfor -%}
  {%- if held == wanted -%}{{ return(none) }}{%- endif -%}
  {{ return(heap_connect.heap_connect_sync_contract()['reasons']['copied_columns_changed']) }}
{%- endmacro %}

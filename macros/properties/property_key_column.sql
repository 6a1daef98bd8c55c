{#-
  The column of a custom event or user property key, the same rule as
  heapgen.naming.property_column: heap_connect.heap_name(key); a key with no letter or digit
  left gets `property_` and 8 hex digits of the key's MD5; a name that is one of `reserved`
  (the table's built-in and defined-property columns) gets `property_` in front until it is
  free (`type` -> `property_type`). A key never loses its column.
-#}
{% macro property_key_column(key, reserved=[]) -%}
  {%- set prefix = heap_connect.heap_connect_sync_contract()['property_prefix'] -%}
  {%- set names = [heap_connect.heap_name(key) or prefix ~ local_md5(key)[:8]] -%}
  {#- each pass gives a new name, so len(reserved) passes always reach a free one -#}
  {%- if names[-1] in reserved -%}
    {%- for _ in reserved if names[-1] in reserved -%}
      {%- do names.append(heap_connect.heap_name(prefix ~ names[-1])) -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(names[-1]) }}
{%- endmacro %}

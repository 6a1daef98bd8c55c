{#-
  The text of one field of a row, for defined properties and segments (`field`:
  {source, name[, column]}, as generator/heapgen/defined_properties.py compiles it):
  - event: the event field e.<name>; session: the session-level field s.<name>;
    property: the custom property `name` of e.properties. With `e` none (the sessions table,
    which has no event row) only `library` is read, from the session; other event fields and
    custom properties are unset.
  - user: `user_columns[column]` ({users column: expression}); unset when users has no such
    column (no user ever sent the property).
  An unset field is a text null.
-#}
{% macro field_text(field, e='e', s='s', user_columns={}) -%}
  {%- set source = field['source'] -%}
  {%- set name = field['name'] -%}
  {%- if source == 'user' -%}
    {%- set expr = user_columns.get(field['column']) -%}
  {%- elif source == 'session' -%}
    {%- set expr = s ~ '.' ~ heap_connect.quote_column(name) -%}
  {%- elif e is none -%}
    {%- set expr = s ~ '.library' if source == 'event' and name == 'library' else none -%}
  {%- elif source == 'property' -%}
    {%- set expr = heap_connect.json_extract_text(e ~ '.properties', name) -%}
  {%- else -%}
    {%- set expr = e ~ '.' ~ heap_connect.quote_column(name) -%}
  {%- endif -%}
  cast({{ 'null' if expr is none else expr }} as {{ dbt.type_string() }})
{%- endmacro %}

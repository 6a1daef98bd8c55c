{#-
  The select-list entries of the defined properties of `scope`, each preceded by a comma, so
  a model appends them after its last column with this one call. Event scope (event tables,
  pageviews: `e` the event, `s` its session; sessions: `e` none, `s` the session) or user
  scope (users: `user_columns`, {users column: expression}). `row_id` ([name, expression])
  names a row in a value-too-long error: e.event_id, else s.session_id; users pass theirs.
  `table_expr` names the table in that error (the event tables' rows: their label).
  Every column is text; see heap_connect.defined_property_value.
-#}
{% macro defined_property_select(scope, e='e', s='s', user_columns={}, row_id=none, table_expr=none) -%}
  {%- set row_id = row_id or (['event_id', e ~ '.event_id'] if e else ['session_id', s ~ '.session_id']) -%}
  {%- for property in heap_connect.defined_properties(scope) %},
    {{ heap_connect.defined_property_value(property, e, s, user_columns, row_id, table_expr) }} as {{ heap_connect.quote_column(property['column']) }}
  {%- endfor %}
{%- endmacro %}

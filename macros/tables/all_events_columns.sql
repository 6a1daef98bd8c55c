{#-
  The columns of all_events for member tables `members` ({alias: [{name, type}]}) at one
  `level`: 'all' (the union of every member's columns), 'builtin' (the Heap Connect built-in
  columns: those of the event-table, pageviews and sessions specs) or 'basic' (event_id,
  user_id, session_id, time). A column whose members disagree on its type is text.
  Returns [{name, type}]: the basic columns first, then spec order, then properties by name.
-#}
{% macro all_events_columns(members, level) -%}
  {%- set basic = ['event_id', 'user_id', 'session_id', 'time'] -%}
  {%- set builtin = [] -%}
  {%- for table in ['event_table', 'pageviews', 'sessions'] -%}
    {%- for column in heap_connect.spec_columns(table) if column['name'] not in builtin -%}
      {%- do builtin.append(column['name']) -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- set types = {} -%}
  {%- for alias, columns in members.items() -%}
    {%- for column in columns -%}
      {%- set known = types.get(column['name']) -%}
      {%- do types.update({column['name']: column['type'] if known in (none, column['type']) else 'text'}) -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- set allowed = basic if level == 'basic' else (builtin if level == 'builtin' else none) -%}
  {%- set ordered = [] -%}
  {%- for name in builtin if name in types -%}{% do ordered.append(name) %}{%- endfor -%}
  {%- for name in types | sort if name not in builtin -%}{% do ordered.append(name) %}{%- endfor -%}
  {%- set result = [] -%}
  {%- for name in ordered if allowed is none or name in allowed -%}
    {%- do result.append({'name': name, 'type': types[name]}) -%}
  {%- endfor -%}
  {{ return(result) }}
{%- endmacro %}

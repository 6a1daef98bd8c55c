{#- The union-all of `members` ({alias: relation}) with `columns`: each member's own column
    cast to the column's type, or a typed null where it has none, and event_table_name.
    Each column's quoted name and type are rendered once, not once per member: with hundreds
    of event tables and columns, macro calls in the inner loop cost seconds of Jinja. -#}
{% macro all_events_select(members, member_columns, columns) -%}
  {%- set rendered = [] %}
  {%- for column in columns %}
    {%- do rendered.append({
        'name': column['name'],
        'quoted': heap_connect.quote_column(column['name']),
        'type': heap_connect.type_for('timestamp' if column['name'] == 'time' else column['type']),
    }) %}
  {%- endfor %}
  {%- set event_table_name_type = dbt.type_string() %}
  {%- for alias, relation in members.items() %}
  select
    {%- set own = {} %}{% for c in member_columns.get(alias, []) %}{% do own.update({c['name']: true}) %}{% endfor %}
    {%- for column in rendered %}
    {%- if column['name'] == 'time' %}
    cast({{ column['quoted'] }} as {{ column['type'] }}) as {{ column['quoted'] }},
    cast({{ heap_connect.sql_string(alias) }} as {{ event_table_name_type }}) as event_table_name{{ ',' if not loop.last }}
    {%- else %}
    cast({{ column['quoted'] if column['name'] in own else 'null' }} as {{ column['type'] }}) as {{ column['quoted'] }}{{ ',' if not loop.last }}
    {%- endif %}
    {%- endfor %}
  from {{ relation }}
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
{%- endmacro %}

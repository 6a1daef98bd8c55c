{#- The union-all of `members` ({alias: relation}) with `columns`: each member's own column
    cast to the column's type, or a typed null where it has none, and event_table_name. -#}
{% macro all_events_select(members, member_columns, columns) -%}
  {%- for alias, relation in members.items() %}
  select
    {%- set own = [] %}{% for c in member_columns.get(alias, []) %}{% do own.append(c['name']) %}{% endfor %}
    {%- for column in columns %}
    {%- if column['name'] == 'time' %}
    cast({{ heap_connect.quote_column('time') }} as {{ heap_connect.type_for('timestamp') }}) as {{ heap_connect.quote_column('time') }},
    cast({{ heap_connect.sql_string(alias) }} as {{ dbt.type_string() }}) as event_table_name{{ ',' if not loop.last }}
    {%- else %}
    cast({{ heap_connect.quote_column(column['name']) if column['name'] in own else 'null' }} as {{ heap_connect.type_for(column['type']) }}) as {{ heap_connect.quote_column(column['name']) }}{{ ',' if not loop.last }}
    {%- endif %}
    {%- endfor %}
  from {{ relation }}
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
{%- endmacro %}

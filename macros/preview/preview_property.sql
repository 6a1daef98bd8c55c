{#-
  One defined property's preview (heap_connect.preview): the distribution of its values
  (heap_connect.defined_property_value, as the models compute the column) over the rows that
  carry it: event scope, every event but `session` events (the rows of pageviews and event
  tables) and every session (as the sessions table has it); user scope, every user of `users`
  (read from its property columns, as the users model does). `property`: a compiled defined
  property (generator/heapgen/defined_properties.py). Returns {name, column, scope,
  rows_of: {events|sessions|users: {rows, values: [[value, rows]]}}}, the `top` most common
  values, most common first (a null value: the property is unset).
-#}
{% macro preview_property(property, top=20) -%}
  {%- set text = dbt.type_string() -%}
  {%- set parts = [] -%}
  {%- if property['scope'] == 'user' -%}
    {%- set users = ref('users') -%}
    {%- if adapter.get_relation(database=users.database, schema=users.schema, identifier=users.identifier) is none -%}
      {{ exceptions.raise_compiler_error("heapgen preview: " ~ users ~ " does not exist: the warehouse was never synced (run heapgen sync first)") }}
    {%- endif -%}
    {#- the users model reads user properties from its property columns and the identity:
        not joindate, last_modified or the defined properties' own columns -#}
    {%- set user_columns = heap_connect.users_columns(users, 'u') -%}
    {%- for column in ['joindate', 'last_modified'] + heap_connect.defined_properties('user') | map(attribute='column') | list -%}
      {%- do user_columns.pop(column, none) -%}
    {%- endfor -%}
    {%- do parts.append(('users', heap_connect.defined_property_value(property, none, none, user_columns, ['user_id', 'u.user_id']), users ~ ' as u', none)) -%}
  {%- else -%}
    {%- set rows_from -%}
{{ ref('int_events') }} as e
    left join {{ ref('int_sessions') }} as s
        on s.session_id = e.session_id
    {%- endset -%}
    {%- do parts.append(('events', heap_connect.defined_property_value(property, 'e', 's', {}, ['event_id', 'e.event_id']), rows_from, 'e.' ~ heap_connect.quote_column('type') ~ " <> 'session'")) -%}
    {%- do parts.append(('sessions', heap_connect.defined_property_value(property, none, 's', {}, ['session_id', 's.session_id']), ref('int_sessions') ~ ' as s', none)) -%}
  {%- endif -%}
  {%- set query -%}
    {%- for rows_of, value, rows_from, condition in parts %}
select * from (
    select {{ heap_connect.sql_string(rows_of) }} as rows_of, cast(value as {{ text }}) as value, count(*) as n, sum(count(*)) over () as total
    from (
        select {{ value }} as value
        from {{ rows_from }}
        {%- if condition %}
        where {{ condition }}
        {%- endif %}
    ) as valued
    group by value
    order by 3 desc, 2
    limit {{ top | int }}
) as part_{{ loop.index }}
      {%- if not loop.last %}
union all
      {%- endif %}
    {%- endfor %}
  {%- endset -%}
  {%- set rows_of = {} -%}
  {%- for rows_of_name, value, rows_from, condition in parts -%}
    {%- do rows_of.update({rows_of_name: {'rows': 0, 'values': []}}) -%}
  {%- endfor -%}
  {%- for row in run_query(query).rows -%}
    {%- do rows_of[row[0]].update({'rows': row[3] | int}) -%}
    {%- do rows_of[row[0]]['values'].append([row[1], row[2] | int]) -%}
  {%- endfor -%}
  {{ return({'name': property['name'], 'column': property['column'], 'scope': property['scope'], 'rows_of': rows_of}) }}
{%- endmacro %}

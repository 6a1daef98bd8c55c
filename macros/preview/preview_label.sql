{#-
  One labeled event's preview (heap_connect.preview): its events tagged by
  heap_connect.tag_events for this one label over every event (int_events, int_sessions) —
  the rule the sync's tag pass (int_events_labeled) applies — with user ids after migrations
  as its table has them. Returns {label_id, total: [events, users, first time, last time],
  window: the same from `since` on (a datetime or none: all), day / week: [[start, events,
  users]], top: {field: [[value, events, users]]} for target_text, path and hierarchy,
  columns and examples: the `examples` latest events of the window as its table's built-in
  columns (heap_connect.event_columns_select; text), and table: when the label's table
  exists in the output schema, {rows, added: [events, users], removed: [events, users],
  added_ids, removed_ids}, the rows a rebuild from this definition adds and removes}.
  Two select statements: one for the counts (the tags are computed once on DuckDB and
  PostgreSQL: heap_connect.cte_materialized), one for the example rows. Writes nothing.
-#}
{% macro preview_label(label, since=none, examples=10, top=5) -%}
  {%- set events = ref('int_events') -%}
  {%- set t = heap_connect.quote_column('time') -%}
  {%- set text = dbt.type_string() -%}
  {#- a bare null in a subquery is text on PostgreSQL / Redshift, which a union with counts rejects -#}
  {%- set no_count = 'cast(null as ' ~ dbt.type_bigint() ~ ')' -%}
  {%- set fields = ['target_text', 'path', 'hierarchy'] -%}
  {%- set table = api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.output_schema(), identifier=label['label_id'], type='table') -%}
  {%- set table_exists = adapter.get_relation(database=table.database, schema=table.schema, identifier=table.identifier) is not none -%}
  {%- set sections = [] -%}
  {%- set facts -%}
with matched as {{ heap_connect.cte_materialized() }} (
    select
        e.event_id,
        {{ heap_connect.resolved_user_id('e.user_id') }} as user_id,
        e.{{ t }} as event_time
        {%- for field in fields %},
        e.{{ heap_connect.quote_column(field) }} as {{ heap_connect.quote_column(field) }}
        {%- endfor %}
    from (
        {{ heap_connect.tag_events([label], events, ref('int_sessions')) }}
    ) as tags
    inner join {{ events }} as e
        on e.event_id = tags.event_id
    {{ heap_connect.user_map_join('e.user_id') }}
),

windowed as (
    select * from matched
    {%- if since %}
    where event_time >= {{ heap_connect.timestamp_literal(since) }}
    {%- endif %}
)

select
    cast('total' as {{ text }}) as section,
    cast(null as {{ text }}) as value,
    count(*) as events,
    count(distinct user_id) as users,
    cast(min(event_time) as {{ text }}) as first_time,
    cast(max(event_time) as {{ text }}) as last_time
from matched
union all
select 'window', null, count(*), count(distinct user_id), cast(min(event_time) as {{ text }}), cast(max(event_time) as {{ text }})
from windowed
{%- for grain, start in [('day', dbt.date_trunc('day', 'event_time')), ('week', heap_connect.week_start('event_time'))] %}
union all
select {{ heap_connect.sql_string(grain) }}, cast(cast({{ start }} as date) as {{ text }}), count(*), count(distinct user_id), null, null
from windowed
group by cast({{ start }} as date)
{%- endfor %}
{%- for field in fields %}
union all
select * from (
    select {{ heap_connect.sql_string('top ' ~ field) }} as section, cast({{ heap_connect.quote_column(field) }} as {{ text }}) as value, count(*) as events, count(distinct user_id) as users, cast(null as {{ text }}) as first_time, cast(null as {{ text }}) as last_time
    from windowed
    group by {{ heap_connect.quote_column(field) }}
    order by 3 desc, 2
    limit {{ top | int }}
) as top_{{ loop.index }}
{%- endfor %}
union all
select * from (
    select 'example' as section, cast(event_id as {{ text }}) as value, {{ no_count }} as events, {{ no_count }} as users, cast(null as {{ text }}) as first_time, cast(null as {{ text }}) as last_time
    from windowed
    order by event_time desc, event_id desc
    limit {{ examples | int }}
) as examples
{%- if table_exists %}
union all
select 'table', null, count(*), count(distinct user_id), null, null
from {{ table }}
union all
select 'added', null, count(*), count(distinct m.user_id), null, null
from matched as m
left join {{ table }} as o
    on o.event_id = m.event_id
where o.event_id is null
union all
select 'removed', null, count(*), count(distinct o.user_id), null, null
from {{ table }} as o
left join matched as m
    on m.event_id = o.event_id
where m.event_id is null
{%- for change, kept, other in [('added', 'matched', table), ('removed', table, 'matched')] %}
union all
select * from (
    select {{ heap_connect.sql_string(change ~ ' id') }} as section, cast(k.event_id as {{ text }}) as value, {{ no_count }} as events, {{ no_count }} as users, cast(null as {{ text }}) as first_time, cast(null as {{ text }}) as last_time
    from {{ kept }} as k
    left join {{ other }} as x
        on x.event_id = k.event_id
    where x.event_id is null
    order by k.event_id
    limit {{ top | int }}
) as {{ change }}_ids
{%- endfor %}
{%- endif %}
  {%- endset -%}
  {%- set result = {'label_id': label['label_id'], 'name': label['name'], 'day': [], 'week': [], 'top': {}, 'examples': [], 'table': none} -%}
  {%- for field in fields %}{% do result['top'].update({field: []}) %}{% endfor -%}
  {%- set ids = [] -%}
  {%- set changes = {'added_ids': [], 'removed_ids': []} -%}
  {%- for row in run_query(facts).rows -%}
    {%- set section, value = row[0], row[1] -%}
    {%- set counts = [row[2] | int, row[3] | int] if row[2] is not none else [] -%}
    {%- if section in ('total', 'window') -%}
      {%- do result.update({section: counts + [row[4], row[5]]}) -%}
    {%- elif section in ('day', 'week') -%}
      {%- do result[section].append([value] + counts) -%}
    {%- elif section.startswith('top ') -%}
      {%- do result['top'][section[4:]].append([value] + counts) -%}
    {%- elif section == 'example' -%}
      {%- do ids.append(value | int) -%}
    {%- elif section in ('table', 'added', 'removed') -%}
      {%- do changes.update({('rows' if section == 'table' else section): counts}) -%}
    {%- else -%}
      {%- do changes[section.replace(' ', '_') ~ 's'].append(value | int) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- for grain in ['day', 'week'] %}{% do result.update({grain: result[grain] | sort(attribute='0')}) %}{% endfor -%}
  {%- if table_exists %}{% do result.update({'table': changes}) %}{% endif -%}
  {%- set columns = heap_connect.event_table_columns(label['libraries']) -%}
  {%- do result.update({'columns': columns | map(attribute='name') | list}) -%}
  {%- if ids -%}
    {%- set rows_query -%}
select
    {%- for column in columns %}
    cast(x.{{ heap_connect.quote_column(column['name']) }} as {{ text }}) as {{ heap_connect.quote_column(column['name']) }}{% if not loop.last %},{% endif %}
    {%- endfor %}
from (
    select
        {{- heap_connect.event_columns_select(columns, 'e', 's') }}
    from {{ events }} as e
    left join (
        {#- only the examples' sessions: every session's columns would cost more than the rest -#}
        select * from {{ ref('int_sessions') }}
        where session_id in (select session_id from {{ events }} where event_id in ({{ ids | join(', ') }}))
    ) as s
        on s.session_id = e.session_id
    {{ heap_connect.user_map_join('e.user_id') }}
    where e.event_id in ({{ ids | join(', ') }})
) as x
    {%- endset -%}
    {%- set by_id = {} -%}
    {%- for row in run_query(rows_query).rows -%}
      {%- do by_id.update({row[0] | int: row | list}) -%}
    {%- endfor -%}
    {%- for id in ids %}{% do result['examples'].append(by_id[id]) %}{% endfor -%}
  {%- endif -%}
  {{ return(result) }}
{%- endmacro %}

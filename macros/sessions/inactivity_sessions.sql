{#-
  Sessions of 30 minutes' inactivity, for client-side events that came without a session id
  (a source whose tracker has no sessions, or an old tracker version). Per user, by time then
  event_id: an event more than `gap_seconds` after the user's previous such event starts a
  session. A session's id is the string id (heap_connect.string_id) of 'inactivity/' and its
  first event's id, so the same events give the same id on every sync and every warehouse.
  `rows_sql` is a query of the events to cut, with event_id, user_id and time: every such
  event of each user it covers. One row per event: event_id, session_id.
  Frames are explicit: Redshift requires one for FIRST_VALUE and a running SUM.
-#}
{% macro inactivity_sessions(rows_sql, gap_seconds=1800) -%}
  {%- set time = heap_connect.quote_column('time') -%}
  {%- set order = 'partition by user_id order by ' ~ time ~ ', event_id' -%}
  select
    event_id,
    {{ heap_connect.string_id("'inactivity/' || cast(first_event_id as " ~ dbt.type_string() ~ ")") }} as session_id
  from (
    select
      event_id,
      first_value(event_id) over (
        partition by user_id, session_number order by {{ time }}, event_id
        rows between unbounded preceding and unbounded following
      ) as first_event_id
    from (
      select
        event_id,
        user_id,
        {{ time }},
        sum(starts_session) over ({{ order }} rows between unbounded preceding and current row) as session_number
      from (
        select
          event_id,
          user_id,
          {{ time }},
          case
            when lag({{ time }}) over ({{ order }}) is null then 1
            when {{ heap_connect.seconds_between('lag(' ~ time ~ ') over (' ~ order ~ ')', time) }} > {{ gap_seconds }} then 1
            else 0
          end as starts_session
        from ({{ rows_sql }}) as sessionless
      ) as gaps
    ) as numbered
  ) as firsts
{%- endmacro %}

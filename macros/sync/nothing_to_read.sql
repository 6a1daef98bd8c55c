{#-
  True when a sync would find nothing new to read, so that an event table whose definition
  is unchanged would take an empty batch and write nothing (heapgen sync then leaves it out
  of the build, docs/decisions/0015-benchmarks.md): every incremental model has read up to
  the newest event int_events holds (no failed sync left one behind), the raw events hold
  no event int_events lacks (int_events' own test: loaded at or after the newest instant
  it holds and not held), no identify was loaded after the newest one int_identifies
  holds, and the user map is the one every table carries (_heap_user_map_synced). False
  whenever one of these tables is missing (a first sync) or int_events holds no event.
  User properties only reach `users`, which every sync builds.
-#}
{% macro nothing_to_read() -%}
  {%- set relations = {} -%}
  {%- for name in ('int_events', 'stg_heap_raw__events', 'int_identifies', 'stg_heap_raw__identifies',
      'int_user_map', '_heap_user_map_synced') -%}
    {%- set relation = heap_connect.internal_relation(name) -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
      {{ return(false) }}
    {%- endif -%}
    {%- do relations.update({name: relation}) -%}
  {%- endfor -%}
  {%- set since = heap_connect.batch_start() -%}
  {%- if since is none -%}{{ return(false) }}{%- endif -%}
  {%- set check -%}
    with held as (
        select max(loaded_at) as loaded_at, max(synced_at) as synced_at
        from {{ relations['int_events'] }}
    )
    select
        (select synced_at from held) as synced_at,
        (
            select count(*) from {{ relations['stg_heap_raw__events'] }} as raw
            where raw.loaded_at >= (select loaded_at from held)
                and not exists (
                    select 1 from {{ relations['int_events'] }} as held_events
                    where held_events.event_id = raw.event_id
                        and held_events.loaded_at >= (select loaded_at from held)
                )
        ) as unread_events,
        (
            select count(*) from {{ relations['stg_heap_raw__identifies'] }} as raw
            where raw.loaded_at > coalesce(
                (select max(loaded_at) from {{ relations['int_identifies'] }}),
                {{ heap_connect.timestamp_literal(modules.datetime.datetime(1900, 1, 1)) }})
        ) as unread_identifies,
        (
            select count(*) from (
                {{ heap_connect.changed_user_ids(relations['int_user_map']) }}
            ) as changed
        ) as changed_users
  {%- endset -%}
  {%- set row = run_query(check).rows[0] -%}
  {{ return(row[0] is not none and row[0] == since and row[1] == 0 and row[2] == 0 and row[3] == 0) }}
{%- endmacro %}

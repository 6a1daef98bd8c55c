{#-
  True when a sync would find nothing new to read, so that an event table whose definition
  is unchanged would take an empty batch and write nothing (heapgen sync then leaves it out
  of the build, docs/decisions/0015-benchmarks.md): every incremental model has read up to
  the newest event int_events holds (no failed sync left one behind), no raw event or
  identify was loaded since the last sync read them (whatever its loaded_at: the per-day
  counts equal the arrival ledger's, heap_connect.unread_arrival_days), and the user map
  is the one every table carries (_heap_user_map_synced); no user property was loaded since
  (the same per-day counts), no user deletion is pending and no raw row of a deleted user
  arrived (heap_connect.deleted_user_rows_arrived). False whenever one of these tables is
  missing (a first sync) or int_events holds no event.
-#}
{% macro nothing_to_read() -%}
  {%- set relations = {} -%}
  {%- for name in ('int_events', 'stg_events', 'int_identifies', 'stg_identifies',
      'stg_user_properties', 'int_user_map', '_heap_user_map_synced') -%}
    {%- set relation = heap_connect.internal_relation(name) -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
      {{ return(false) }}
    {%- endif -%}
    {%- do relations.update({name: relation}) -%}
  {%- endfor -%}
  {%- set since = heap_connect.batch_start() -%}
  {%- if since is none or heap_connect.deletion_requests_pending() or heap_connect.deleted_user_rows_arrived() -%}
    {{ return(false) }}
  {%- endif -%}
  {%- set unread_events = heap_connect.unread_arrival_days('events',
      heap_connect.raw_arrivals(relations['stg_events'], 'event_id')) -%}
  {%- set unread_identifies = heap_connect.unread_arrival_days('identifies',
      heap_connect.raw_arrivals(relations['stg_identifies'], 'user_id')) -%}
  {%- set unread_user_properties = heap_connect.unread_arrival_days('user_properties',
      heap_connect.raw_arrivals(relations['stg_user_properties'], 'user_id')) -%}
  {%- if unread_events or unread_identifies or unread_user_properties -%}{{ return(false) }}{%- endif -%}
  {%- set facts = heap_connect.event_batch_facts(relations['int_events'], relations['int_user_map'], since) -%}
  {{ return(facts['newest'] is not none and facts['newest'] == since and facts['changed_users'] == 0) }}
{%- endmacro %}

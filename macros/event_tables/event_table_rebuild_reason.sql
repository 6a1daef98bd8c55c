{#-
  Why a labeled event's table must be built from all history this sync, or none when it
  takes only the batch: `--full-refresh`, its table does not exist yet, its sync state has no
  record of it, what it is built from changed (heap_connect.event_table_state_hash: a
  definition edit, an un-archive, a defined property), a property column whose type cannot
  hold the batch's values (heap_connect.property_type_conflict), or rows of deleted users
  removed from it this sync (its property columns then follow the events left).
  `facts`: heap_connect.event_table_facts.
-#}
{% macro event_table_rebuild_reason(label, facts, relation) -%}
  {%- set table = label['label_id'] | lower -%}
  {%- set state = facts['states'].get(heap_connect.event_model_name(label['label_id'])) -%}
  {%- set wanted = heap_connect.event_table_state_hash(label) -%}
  {%- if flags.FULL_REFRESH -%}{{ return('full refresh') }}
  {%- elif table not in facts['columns'] -%}{{ return('new table') }}
  {%- elif state is none -%}{{ return('no sync state') }}
  {%- elif state != wanted -%}
    {%- if state == 'archived' -%}{{ return('un-archived') }}
    {%- elif wanted == 'archived' -%}{{ return(none) }}
    {%- elif state.split('|')[0] == wanted.split('|')[0] -%}{{ return('defined properties changed') }}
    {%- else -%}{{ return('definition changed') }}
    {%- endif -%}
  {%- elif wanted != 'archived' -%}
    {%- set conflict = heap_connect.property_type_conflict(relation, facts['columns'][table],
        heap_connect.event_table_profile_columns(label, facts, 'batch')) -%}
    {%- if conflict -%}{{ return(conflict) }}{%- endif -%}
    {%- if table in facts['deleted'] -%}{{ return('users deleted') }}{%- endif -%}
  {%- endif -%}
  {{ return(none) }}
{%- endmacro %}

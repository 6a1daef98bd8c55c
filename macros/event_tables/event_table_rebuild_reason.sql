{#-
  Why a labeled event's table must be built from all history this sync, or none when it
  takes only the batch: `--full-refresh`, its table does not exist yet, its sync state has no
  record of it, what it is built from changed (heap_connect.event_table_state_hash,
  heap_connect.state_change: a definition edit, an un-archive, a defined property, a change
  of heap_connect's logic that reaches it), a property column whose type cannot hold the
  batch's values (heap_connect.column_type_conflict), or rows of deleted users removed
  from it this sync (its property columns then follow the events left).
  `facts`: heap_connect.event_table_facts; `wanted`: its state hash this sync
  (heap_connect.event_table_state_hash).
-#}
{% macro event_table_rebuild_reason(label, facts, relation, wanted) -%}
  {%- set reasons = heap_connect.heap_connect_sync_contract()['reasons'] -%}
  {%- set table = label['label_id'] | lower -%}
  {%- set state = facts['states'].get(heap_connect.event_model_name(label['label_id'])) -%}
  {%- if flags.FULL_REFRESH -%}{{ return(reasons['full_refresh']) }}
  {%- elif table not in facts['columns'] -%}{{ return(reasons['new_table']) }}
  {%- elif state is none -%}{{ return(reasons['no_sync_state']) }}
  {%- endif -%}
  {%- set change = heap_connect.state_change(state, wanted) -%}
  {%- if change is not none or label['archived'] -%}{{ return(change) }}{%- endif -%}
  {%- set conflict = heap_connect.column_type_conflict(relation, facts['columns'][table],
      heap_connect.event_table_profile_columns(label, facts, 'batch')) -%}
  {%- if conflict -%}{{ return(conflict) }}{%- endif -%}
  {%- if table in facts['deleted'] -%}{{ return(reasons['users_deleted']) }}{%- endif -%}
  {{ return(none) }}
{%- endmacro %}

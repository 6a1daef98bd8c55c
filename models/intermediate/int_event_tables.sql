-- The event tables' sync: every synced labeled event's table written in this one node
-- (materialization heap_event_tables, heap_connect.apply_event_tables), so a sync pays dbt's
-- fixed cost per node once, not once per labeled event. Its own table: one row per event
-- table, how this sync built it (`batch`, `rebuild: <reason>`, ...), when.
-- The event-table models (models/heap_generated/events) keep each table's lineage and docs;
-- `dbt build -s heap_event__x` syncs that table alone.
{{ config(materialized='heap_event_tables') }}
-- depends_on: {{ ref('int_events') }}, {{ ref('int_event_batch') }}, {{ ref('int_events_labeled') }}
-- depends_on: {{ ref('int_label_property_profile') }}, {{ ref('int_sessions') }}, {{ ref('int_user_map') }}
select 1 as synced_by_materialization

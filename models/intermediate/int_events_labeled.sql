-- The tag-once pass: one row (event_id, label_id) per synced labeled event an event
-- matches, from one scan of the events. Event tables read this, never the raw events.
-- A sync tags the batch's events (new ones and those of sessions that changed) against
-- every label (none when there are none: heap_connect.batch_data_changed), and all events
-- against the labels that are new or whose definition changed.
-- Written in label_id order where that lets each event table read only its own rows
-- (heap_connect.insertion_order).
-- Where the warehouse takes no DELETE (Spark) it is partitioned by the day of the event's
-- `time` (heap_connect.batch_partition_config), and the deletes overwrite the days they touch.
{{ config(
    materialized='incremental',
    incremental_strategy=heap_connect.append_strategy(),
    meta={'heap_state': {'from': ['labels'], 'rebuilt_by': 'logic'}},
    pre_hook=[
        "{{ heap_connect.delete_batch_rows('event_id', where='data_changed') }}",
        "{{ heap_connect.delete_retagged_labels() }}",
    ],
    **heap_connect.batch_partition_config('event_day'),
) }}
-- depends_on: {{ ref('int_event_batch') }}
{{ heap_connect.build_comment() }}
select * from (
{%- if is_incremental() %}
{%- set retag = heap_connect.retagged_labels() %}
{%- set batch_events -%}
    (
        select events.*
        from {{ ref('int_events') }} as events
        where events.event_id in (select event_id from {{ ref('int_event_batch') }} where data_changed)
    )
{%- endset %}
{%- set other_events -%}
    (
        select events.*
        from {{ ref('int_events') }} as events
        where events.event_id not in (select event_id from {{ ref('int_event_batch') }} where data_changed)
    )
{%- endset %}
select * from (
{{ heap_connect.tag_events(heap_connect.synced_labels() if heap_connect.batch_data_changed() else [], batch_events, ref('int_sessions')) }}
) as batch_tags
{%- if retag['changed'] %}
union all
select * from (
{{ heap_connect.tag_events(retag['changed'], other_events, ref('int_sessions')) }}
) as retagged
{%- endif %}
{%- else %}
{{ heap_connect.tag_events(heap_connect.synced_labels(), ref('int_events'), ref('int_sessions')) }}
{%- endif %}
) as tags
{{ heap_connect.insertion_order(['label_id']) }}

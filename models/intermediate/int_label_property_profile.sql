-- Per labeled event and property key, the kinds of values this sync's batch brings
-- (heap_connect.property_profile of the batch's tagged events): event tables read it to add
-- the batch's new property columns and to see whether a column's type must widen.
with tagged as (
    select t.label_id, batch.properties
    from {{ ref('int_events_labeled') }} as t
    inner join {{ ref('int_event_batch') }} as batch
        on batch.event_id = t.event_id
)

{{ heap_connect.property_profile(heap_connect.json_object_entries('tagged', 'properties', ['label_id']), ['label_id']) }}

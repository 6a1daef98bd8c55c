-- The tag-once pass: one row (event_id, label_id) per synced labeled event an event
-- matches, from one scan of the events. Event tables read this, never the raw events.
{{ heap_connect.tag_events(heap_connect.synced_labels(), ref('int_events'), ref('int_sessions')) }}

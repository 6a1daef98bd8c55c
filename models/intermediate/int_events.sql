-- Every event exactly once. A row delivered more than once (at-least-once delivery)
-- keeps the copy that landed first.
{{ heap_connect.deduplicate(ref('stg_heap_raw__events'), 'event_id', 'loaded_at, ' ~ heap_connect.quote_column('time')) }}

-- Every user property update once: the same (user_id, time, properties) loaded twice
-- counts once.
{{ heap_connect.deduplicate(
    ref('stg_heap_raw__user_properties'),
    'user_id, ' ~ heap_connect.quote_column('time') ~ ', ' ~ heap_connect.json_to_text('properties'),
    'loaded_at'
) }}

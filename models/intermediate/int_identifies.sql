-- Every identify call once: the same (user_id, identity, time) loaded twice counts once.
{{ heap_connect.deduplicate(
    ref('stg_heap_raw__identifies'),
    'user_id, identity, ' ~ heap_connect.quote_column('time'),
    'loaded_at'
) }}

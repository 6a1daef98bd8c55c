-- Every user property update once: the same (user_id, time, properties, set_once) loaded
-- twice counts once. Rebuilt from every raw user property row at each sync; the per-day counts
-- it read are recorded (heap_connect.record_raw_arrivals) so that a sync can tell whether
-- a user property arrived since, whatever its loaded_at (heap_connect.nothing_to_read).
{{ config(post_hook=[
    "{{ heap_connect.record_raw_arrivals('user_properties', 'delete') }}",
    "{{ heap_connect.record_raw_arrivals('user_properties', 'insert') }}",
]) }}
{%- do heap_connect.raw_arrivals(ref('stg_user_properties'), 'user_id', cache_key='user_properties') %}
{{ heap_connect.deduplicate(
    ref('stg_user_properties'),
    'user_id, ' ~ heap_connect.quote_column('time') ~ ', ' ~ heap_connect.json_to_text('properties') ~ ', set_once',
    'loaded_at'
) }}

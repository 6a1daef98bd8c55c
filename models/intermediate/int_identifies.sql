-- Every identify call once: the same (user_id, identity, time) loaded twice counts once.
-- Rebuilt from every raw identify at each sync; the per-day counts it read are recorded
-- (heap_connect.record_raw_arrivals) so that a sync can tell whether an identify arrived
-- since, whatever its loaded_at (heap_connect.nothing_to_read).
{{ config(post_hook=[
    "{{ heap_connect.record_raw_arrivals('identifies', 'delete') }}",
    "{{ heap_connect.record_raw_arrivals('identifies', 'insert') }}",
]) }}
{%- do heap_connect.raw_arrivals(ref('stg_identifies'), 'user_id', cache_key='identifies') %}
{{ heap_connect.deduplicate(
    ref('stg_identifies'),
    'user_id, identity, ' ~ heap_connect.quote_column('time'),
    'loaded_at'
) }}

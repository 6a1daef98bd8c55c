-- Every event exactly once. A row delivered more than once (at-least-once delivery)
-- keeps the copy that landed first. Incremental on loaded_at: each sync reads the raw rows
-- loaded since the newest one it holds (that instant included; every row while it holds
-- none) and appends the events it does not hold yet, stamped with the sync's start
-- (`synced_at`), from which the tables downstream take their batch.
{{ config(materialized='incremental', incremental_strategy=heap_connect.append_strategy()) }}
{{ heap_connect.build_comment() }}
{%- set order_by = 'loaded_at, ' ~ heap_connect.quote_column('time') %}
{%- if is_incremental() %}
with arrived as (
    {{ heap_connect.deduplicate(ref('stg_heap_raw__events'), 'event_id', order_by,
        where='(loaded_at >= (select max(loaded_at) from ' ~ this ~ ')'
            ~ ' or not exists (select 1 from ' ~ this ~ '))') }}
),

held as (
    select event_id from {{ this }}
    where event_id in (select event_id from arrived)
)

select arrived.*, {{ heap_connect.timestamp_literal(run_started_at) }} as synced_at
from arrived
where event_id not in (select event_id from held)
{%- else %}
select deduplicated.*, {{ heap_connect.timestamp_literal(run_started_at) }} as synced_at
from (
    {{ heap_connect.deduplicate(ref('stg_heap_raw__events'), 'event_id', order_by) }}
) as deduplicated
{%- endif %}

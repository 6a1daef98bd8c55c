-- Per labeled event and property key, the kinds of values this sync's batch brings
-- (heap_connect.property_profile of the batch's tagged events, from_history false): event
-- tables read it to add the batch's new property columns and to see whether a column's type
-- must widen.
-- When every event table is built from all history this sync (a first sync, whose batch is
-- empty, or --full-refresh), it also profiles every label's tagged events in all history
-- (from_history true, one row with no property_key per synced label marking it profiled):
-- the event tables take their column types from here, one pass over the events for all
-- labels, instead of each scanning its events once more (heap_connect.label_history_columns).
-- depends_on: {{ ref('int_events') }}
{%- set all_history = flags.FULL_REFRESH or heap_connect.batch_start() is none %}
{%- set sources = [('batch', ref('int_event_batch'))] %}
{%- if all_history %}{% do sources.append(('history', ref('int_events'))) %}{% endif %}
with
{%- for name, events in sources %}
tagged_{{ name }} as (
    select t.label_id, e.properties
    from {{ ref('int_events_labeled') }} as t
    inner join {{ events }} as e
        on e.event_id = t.event_id
),

{{ name }}_profile as (
    {{ heap_connect.property_profile(heap_connect.json_object_entries('tagged_' ~ name, 'properties', ['label_id']), ['label_id']) }}
){{ ',' if not loop.last }}
{%- endfor %}

select
    label_id, property_key, n_values, n_integer, n_number, n_boolean, n_timestamp,
    false as from_history
from batch_profile
{%- if all_history %}
union all
select
    label_id, property_key, n_values, n_integer, n_number, n_boolean, n_timestamp,
    true as from_history
from history_profile
{%- for label in heap_connect.synced_labels() %}
union all
select
    {{ heap_connect.sql_string(label['label_id']) }}, cast(null as {{ dbt.type_string() }}), 0, 0, 0, 0, 0,
    true
{%- endfor %}
{%- endif %}

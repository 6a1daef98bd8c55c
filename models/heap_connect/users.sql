-- users: one row per user ever seen (events, identifies, user properties), with its
-- identity, the built-in handle and email, and one column per user property key ever sent.
-- A migrated user is merged into the user it now belongs to: the owner's id, the earliest
-- joindate, the latest last_modified, and per property the latest value by time of all.
-- A sync rewrites the users of its batch (int_user_batch: users of new events, identifies
-- and user properties, users whose migration changed), each from all of its history; it is
-- built from all history when heap_connect.rebuild_reason says so (first sync, a changed
-- user-scope defined property, a property column whose type must widen, users deleted), and
-- copied into a full build's column order with its batch when a new property column would
-- land out of place (heap_connect.column_order_change).
{{ config(
    alias='users',
    materialized='incremental',
    incremental_strategy=heap_connect.append_strategy(),
    pre_hook="{{ heap_connect.delete_batch_rows('user_id', batch='int_user_batch') }}",
    post_hook=heap_connect.user_ledger_hooks('users'),
    meta={
        'heap_batch': {'key': 'user_id', 'from': 'int_user_batch'},
        'heap_state': {'from': ['user_properties'], 'property_columns': 'user', 'user_ledger': true},
    },
    **heap_connect.physical_design('user'),
) }}
-- depends_on: {{ ref('int_user_batch') }}, {{ ref('int_user_map') }}, {{ ref('int_identifies') }}, {{ ref('int_user_properties') }}
{{ heap_connect.build_comment() }}
{%- do heap_connect.users_arrivals('identifies') %}
{%- do heap_connect.users_arrivals('user_properties') %}
{%- set from_batch = heap_connect.rebuild_reason() is none %}
{%- set reorder = from_batch and heap_connect.model_column_order_change() is not none %}
{%- set columns = heap_connect.users_property_columns(from_batch) %}
{%- set property_columns = columns['builtin'] + columns['custom'] %}
{%- set custom_columns = columns['custom'] %}
{%- set entries = heap_connect.users_property_entries(from_batch) %}

with seen_raw as (
    select user_id, {{ heap_connect.quote_column('time') }}, 0 as is_change from {{ ref('int_events') }}
    where {{ heap_connect.users_batch_filter('user_id', from_batch) }}
    union all
    select user_id, {{ heap_connect.quote_column('time') }}, 1 as is_change from {{ ref('int_identifies') }}
    where {{ heap_connect.users_batch_filter('user_id', from_batch) }}
    union all
    -- a $set_once (set_once) is not counted as a change of last_modified: it sets nothing once set
    select user_id, {{ heap_connect.quote_column('time') }}, case when set_once then 0 else 1 end as is_change from {{ ref('int_user_properties') }}
    where {{ heap_connect.users_batch_filter('user_id', from_batch) }}
),

seen as (
    select
        {{ heap_connect.resolved_user_id('seen_raw.user_id') }} as user_id,
        seen_raw.{{ heap_connect.quote_column('time') }},
        seen_raw.is_change
    from seen_raw
    {{ heap_connect.user_map_join('seen_raw.user_id') }}
),

changes as (
    select user_id, {{ heap_connect.quote_column('time') }} from seen where is_change = 1
),

first_seen as (
    select user_id, min({{ heap_connect.quote_column('time') }}) as joindate
    from seen
    group by user_id
),

last_change as (
    select user_id, max({{ heap_connect.quote_column('time') }}) as last_modified
    from changes
    group by user_id
),

-- a user shows an identity it owns itself (the one it was identified with last), else the
-- latest of the identities owned by users merged into it
owned_identity as (
    select user_id, identity
    from (
        select
            {{ heap_connect.resolved_user_id('owners.owner_user_id') }} as user_id,
            owners.identity,
            row_number() over (
                partition by {{ heap_connect.resolved_user_id('owners.owner_user_id') }}
                order by
                    case when m.to_user_id is null then 0 else 1 end,
                    owners.identified_at desc,
                    owners.identity desc
            ) as identity_rank
        from {{ ref('int_identity_owners') }} as owners
        {{ heap_connect.user_map_join('owners.owner_user_id') }}
        where {{ heap_connect.users_batch_filter('owners.owner_user_id', from_batch) }}
    ) as ranked
    where identity_rank = 1
),

property_values as (
    {{ heap_connect.latest_property_values(entries, property_columns) }}
)

{%- if reorder %}
{{ heap_connect.prior_rows(this, heap_connect.prior_columns(), heap_connect.users_layout(), 'user_id', ref('int_user_batch')) }}
union all
{%- endif %}
select
    cast(first_seen.user_id as {{ dbt.type_bigint() }}) as user_id,
    cast(owned_identity.identity as {{ dbt.type_string() }}) as identity,
    property_values.handle,
    property_values.email,
    cast(first_seen.joindate as {{ dbt.type_timestamp() }}) as joindate,
    cast(coalesce(last_change.last_modified, first_seen.joindate) as {{ dbt.type_timestamp() }}) as last_modified
    {%- for column in custom_columns %},
    property_values.{{ heap_connect.quote_column(column['name']) }}
    {%- endfor %}
    {{- heap_connect.defined_property_select('user', user_columns=heap_connect.aliased_columns('property_values', property_columns, {'identity': 'owned_identity.identity'}), row_id=['user_id', 'first_seen.user_id']) }}
from first_seen
left join last_change on last_change.user_id = first_seen.user_id
left join owned_identity on owned_identity.user_id = first_seen.user_id
left join property_values on property_values.user_id = first_seen.user_id

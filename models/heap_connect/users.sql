-- users: one row per user ever seen (events, identifies, user properties), with its
-- identity, the built-in handle and email, and one column per user property key ever sent.
-- A migrated user is merged into the user it now belongs to: the owner's id, the earliest
-- joindate, the latest last_modified, and per property the latest value by time of all.
{{ config(alias='users', **heap_connect.physical_design('user')) }}
{%- set builtin_properties = ['handle', 'email'] %}
{%- set reserved = [] %}
{%- for column in heap_connect.spec_columns('users') if column['name'] not in builtin_properties %}
  {%- do reserved.append(column['name']) %}
{%- endfor %}
{%- do reserved.extend(heap_connect.defined_properties('user') | map(attribute='column')) %}
{%- set resolved_properties -%}
    (
        select
            {{ heap_connect.resolved_user_id('p.user_id') }} as user_id,
            p.{{ heap_connect.quote_column('time') }},
            p.loaded_at,
            p.properties
        from {{ ref('int_user_properties') }} as p
        {{ heap_connect.user_map_join('p.user_id') }}
    )
{%- endset %}
{%- set entries = heap_connect.json_object_entries(
    resolved_properties, 'properties', ['user_id', heap_connect.quote_column('time'), 'loaded_at']) %}
{%- set inferred = heap_connect.infer_property_columns(entries, reserved) %}
{%- set property_columns = [] %}
{%- for name in builtin_properties %}
  {%- set keys = [] %}
  {%- for column in inferred if column['name'] == name %}{% do keys.extend(column['keys']) %}{% endfor %}
  {%- do property_columns.append({'name': name, 'keys': keys, 'type': 'text'}) %}
{%- endfor %}
{%- set custom_columns = [] %}
{%- for column in inferred if column['name'] not in builtin_properties %}
  {%- do custom_columns.append(column) %}
{%- endfor %}
{%- do property_columns.extend(custom_columns) %}

with seen_raw as (
    select user_id, {{ heap_connect.quote_column('time') }}, 0 as is_change from {{ ref('int_events') }}
    union all
    select user_id, {{ heap_connect.quote_column('time') }}, 1 as is_change from {{ ref('int_identifies') }}
    union all
    select user_id, {{ heap_connect.quote_column('time') }}, 1 as is_change from {{ ref('int_user_properties') }}
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
    ) as ranked
    where identity_rank = 1
),

property_values as (
    {{ heap_connect.latest_property_values(entries, property_columns) }}
)

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

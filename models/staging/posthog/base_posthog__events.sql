-- PostHog's batch-export events (definitions/heap_connect.yml `source:`), one row per row
-- exported, under one set of names whatever the export's layout: the autocapture chain as
-- text, the layout's arrival column as loaded_at. Read by the PostHog staging models only.
-- enabled when definitions/heap_connect.yml names this source (macros/sources/source_kind.sql)
{{ config(enabled=heap_connect.source_kind() == 'posthog') }}
{%- set settings = heap_connect.heap_connect_settings()['source'] %}
select
    cast(uuid as {{ dbt.type_string() }}) as uuid,
    cast(event as {{ dbt.type_string() }}) as event,
    cast(distinct_id as {{ dbt.type_string() }}) as distinct_id,
    properties,
    {{ heap_connect.posthog_chain_text(settings) }} as elements_chain,
    cast({{ heap_connect.quote_column('timestamp') }} as {{ dbt.type_timestamp() }}) as {{ heap_connect.quote_column('time') }},
    cast({{ heap_connect.quote_column(settings['arrival']) }} as {{ dbt.type_timestamp() }}) as loaded_at
from {{ source('posthog', 'events') }}

{#- The JSON property entries (heap_connect.json_object_entries) of every user property update
    `users` reads this sync (heap_connect.users_batch_filter), under the user id it belongs to
    now, with time, loaded_at and set_once. -#}
{% macro users_property_entries(from_batch) -%}
  {%- set resolved_properties -%}
    (
        select
            {{ heap_connect.resolved_user_id('p.user_id') }} as user_id,
            p.{{ heap_connect.quote_column('time') }},
            p.loaded_at,
            p.set_once,
            p.properties
        from {{ ref('int_user_properties') }} as p
        {{ heap_connect.user_map_join('p.user_id') }}
        where {{ heap_connect.users_batch_filter('p.user_id', from_batch) }}
    )
  {%- endset -%}
  {{ return(heap_connect.json_object_entries(
      resolved_properties, 'properties', ['user_id', heap_connect.quote_column('time'), 'loaded_at', 'set_once'])) }}
{%- endmacro %}

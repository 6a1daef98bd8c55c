{#- A table of the internal schema that the sync keeps itself (never a model):
    _heap_sync_state and _heap_user_map_synced. -#}
{% macro internal_relation(name) -%}
  {{ return(api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.internal_schema(), identifier=name, type='table')) }}
{%- endmacro %}

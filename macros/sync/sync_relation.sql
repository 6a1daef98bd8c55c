{#- One of the sync bookkeeping tables of the output schema (_sync_history, _sync_info,
    _dropped_tables): kept by the on-run hooks, never rebuilt, so their history survives. -#}
{% macro sync_relation(name) -%}
  {{ return(api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.output_schema(), identifier=name, type='table')) }}
{%- endmacro %}

{#- A table of heap_raw (events, identifies, user_properties) where `heapgen load` writes it
    (var heap_connect__raw_schema), also in a project whose source is a tracker: there the
    `heap_raw` dbt source is not declared (heapgen generates only the project's source), but
    a user deletion still removes the person's rows from heap_raw tables that exist. The
    relation `source('heap_raw', name)` gives in a heap_raw project. -#}
{% macro heap_raw_relation(name) -%}
  {{ return(api.Relation.create(database=heap_connect.target_database(), schema=var('heap_connect__raw_schema'), identifier=name, type='table')) }}
{%- endmacro %}

{#-
  Logs one line `heap_connect_property_keys {"event": [...], "user": [...]}`: every distinct
  property key of the raw events and of the raw user property updates, as the staging views
  give them (any source), or, before the first sync built them, as heap_raw holds them (a
  missing table gives []). `heapgen plan` names from them the keys whose column is not
  simply the key in snake_case (heap_connect.property_key_column). Reads all raw properties
  once. Run as: dbt run-operation raw_property_keys
-#}
{% macro raw_property_keys() -%}
  {%- set keys = {'event': [], 'user': []} -%}
  {%- for scope, table in [('event', 'events'), ('user', 'user_properties')] -%}
    {%- set staged = ref('stg_' ~ table) -%}
    {%- set found = adapter.get_relation(database=staged.database, schema=staged.schema, identifier=staged.identifier) -%}
    {%- set relation = staged if found is not none else heap_connect.heap_raw_relation(table) -%}
    {%- if found is not none or adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
      {%- set query -%}
        select distinct property_key
        from ({{ heap_connect.json_object_entries(relation, 'properties', []) }}) as entries
      {%- endset -%}
      {%- for row in run_query(query).rows %}{% do keys[scope].append(row[0]) %}{% endfor -%}
    {%- endif -%}
  {%- endfor -%}
  {%- do log(heap_connect.heap_connect_sync_contract()['markers']['property_keys'] ~ tojson(keys), info=true) -%}
{%- endmacro %}

{#-
  One segment's preview (heap_connect.preview): how many users it holds now, counted by
  heap_connect.segment_members (its view's query) as of heap_connect.segments_as_of(), out of
  every user in `users`. `segment`: {segment_id, name, where, events: [{event, label_id,
  model}]}, the labeled events it counts, whose tables must exist. Returns {segment_id, name,
  members, users, as_of}.
-#}
{% macro preview_segment(segment) -%}
  {%- set users = ref('users') -%}
  {%- if adapter.get_relation(database=users.database, schema=users.schema, identifier=users.identifier) is none -%}
    {{ exceptions.raise_compiler_error("heapgen preview: " ~ users ~ " does not exist: the warehouse was never synced (run heapgen sync first)") }}
  {%- endif -%}
  {%- for event in segment['events'] -%}
    {%- set node = graph.nodes.get('model.heap_connect.' ~ event['model']) -%}
    {%- if node is none or adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) is none -%}
      {{ exceptions.raise_compiler_error("heapgen preview: segment '" ~ segment['name'] ~ "' counts event '" ~ event['event'] ~ "', whose table " ~ event['label_id'] ~ " is not synced yet: sync it first (heapgen sync)") }}
    {%- endif -%}
  {%- endfor -%}
  {%- set as_of = heap_connect.segments_as_of() -%}
  {%- set query -%}
select
    (select count(*) from ({{ heap_connect.segment_members(segment['where'], as_of) }}) as members) as members,
    (select count(*) from {{ users }}) as users
  {%- endset -%}
  {%- set row = run_query(query).rows[0] -%}
  {{ return({'segment_id': segment['segment_id'], 'name': segment['name'], 'members': row[0] | int, 'users': row[1] | int, 'as_of': as_of.strftime('%Y-%m-%d %H:%M:%S')}) }}
{%- endmacro %}

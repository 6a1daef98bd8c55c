{#-
  `heapgen preview`: what labeled events, segments and defined properties would hold, from the
  warehouse's intermediate tables as the last sync left them, without writing anything (only
  select statements). Each definition comes as data, compiled by heapgen exactly as
  `heapgen generate` compiles it (generator/heapgen/preview.py), so a definition not
  generated or saved yet previews too: `labels` [{label_id, name, criteria, libraries}]
  (heap_connect.preview_label), `segments` [{segment_id, name, where, events}]
  (heap_connect.preview_segment), `properties` [compiled defined properties]
  (heap_connect.preview_property); `since` 'YYYY-MM-DD' or none, `examples`, `top` and
  `values`: the example rows, most common field values and property values to show. Logs
  one line `heap_connect_preview {"labels": [...], "segments": [...], "properties": [...]}`.
  Run as: dbt run-operation preview --args '<JSON>'
-#}
{% macro preview(labels=[], segments=[], properties=[], since=none, examples=10, top=5, values=20) -%}
  {%- set events = ref('int_events') -%}
  {%- if adapter.get_relation(database=events.database, schema=events.schema, identifier=events.identifier) is none -%}
    {{ exceptions.raise_compiler_error("heapgen preview: " ~ events ~ " does not exist: the warehouse was never synced (run heapgen sync first)") }}
  {%- endif -%}
  {%- set since_time = modules.datetime.datetime.strptime(since, '%Y-%m-%d') if since else none -%}
  {%- set result = {'labels': [], 'segments': [], 'properties': []} -%}
  {%- for label in labels -%}
    {%- do result['labels'].append(heap_connect.preview_label(label, since_time, examples | int, top | int)) -%}
  {%- endfor -%}
  {%- for segment in segments -%}
    {%- do result['segments'].append(heap_connect.preview_segment(segment)) -%}
  {%- endfor -%}
  {%- for property in properties -%}
    {%- do result['properties'].append(heap_connect.preview_property(property, values | int)) -%}
  {%- endfor -%}
  {%- do log(heap_connect.heap_connect_sync_contract()['markers']['preview'] ~ tojson(result), info=true) -%}
{%- endmacro %}

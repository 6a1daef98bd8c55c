{#-
  What the current model is built from, as one string: when it changes, the model's table
  is rebuilt from all history (heap_connect.rebuild_reason). (An event table's:
  heap_connect.event_table_state_hash.) int_events_labeled: every tagged label with its hash; any other model: its
  `heap_state_hash` meta, else `v1`. Pageviews and sessions carry the
  event-scope defined properties, whose hash follows a `|`.
-#}
{% macro model_state_hash() -%}
  {%- set properties = heap_connect.defined_properties_hash('event') -%}
  {%- if model.name == 'int_events_labeled' -%}
    {{ return(heap_connect.label_hashes(heap_connect.synced_labels())) }}
  {%- elif model.name in ('sessions', 'pageviews') -%}
    {%- set own = model.config.meta.get('heap_state_hash', 'v1') -%}
  {%- else -%}
    {{ return(model.config.meta.get('heap_state_hash', 'v1')) }}
  {%- endif -%}
  {{ return(own ~ '|' ~ properties if properties else own) }}
{%- endmacro %}

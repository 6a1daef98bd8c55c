{#-
  What the current model is built from, as one string: when it changes, the model's table
  is rebuilt from all history (heap_connect.rebuild_reason). An event table: its
  definition's hash, or `archived` while archived (un-archiving then rebuilds it);
  int_events_labeled: every tagged label with its hash; any other model: its
  `heap_state_hash` meta, else `v1`. Event tables, pageviews and sessions carry the
  event-scope defined properties, whose hash follows a `|`; `users` carries the user-scope ones.
-#}
{% macro model_state_hash() -%}
  {%- set properties = heap_connect.defined_properties_hash('event') -%}
  {%- if 'heap_event' in model.tags -%}
    {%- set label = heap_connect.labeled_event(model.alias) -%}
    {%- if label['archived'] -%}{{ return('archived') }}{%- endif -%}
    {%- set own = label['definition_hash'] -%}
  {%- elif model.name == 'int_events_labeled' -%}
    {{ return(heap_connect.label_hashes(heap_connect.synced_labels())) }}
  {%- elif model.name in ('sessions', 'pageviews') -%}
    {%- set own = model.config.meta.get('heap_state_hash', 'v1') -%}
  {%- elif model.name == 'users' -%}
    {%- set own = model.config.meta.get('heap_state_hash', 'v1') -%}
    {%- set properties = heap_connect.defined_properties_hash('user') -%}
  {%- else -%}
    {{ return(model.config.meta.get('heap_state_hash', 'v1')) }}
  {%- endif -%}
  {{ return(own ~ '|' ~ properties if properties else own) }}
{%- endmacro %}

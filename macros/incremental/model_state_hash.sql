{#-
  What the current model is built from, as one string: when it changes, the model's table
  is rebuilt from all history (heap_connect.rebuild_reason). An event table: its
  definition's hash, or `archived` while archived (un-archiving then rebuilds it);
  int_events_labeled: every tagged label with its hash; any other model: its
  `heap_state_hash` meta, else `v1`.
-#}
{% macro model_state_hash() -%}
  {%- if 'heap_event' in model.tags -%}
    {%- set label = heap_connect.labeled_event(model.alias) -%}
    {{ return('archived' if label['archived'] else label['definition_hash']) }}
  {%- elif model.name == 'int_events_labeled' -%}
    {{ return(heap_connect.label_hashes(heap_connect.synced_labels())) }}
  {%- else -%}
    {{ return(model.config.meta.get('heap_state_hash', 'v1')) }}
  {%- endif -%}
{%- endmacro %}

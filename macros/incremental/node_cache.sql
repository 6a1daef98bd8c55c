{#-
  A dict for the current node that lives as long as this dbt invocation
  (heap_connect.invocation_cache): what the node's macros work out from the warehouse
  before it is built (heap_connect.rebuild_reason, its sync state), asked by its SQL, its
  build comment, its pre-hook and the materialization, is then queried once instead of at
  every ask. Every ask of these happens while the node runs, before its table is written,
  and nothing else changes what they read meanwhile (a node's sync state and table are its
  own), so a cached answer is the answer a new query would give.
-#}
{% macro node_cache() -%}
  {%- set caches = heap_connect.invocation_cache().setdefault('nodes', {}) -%}
  {%- if model.unique_id not in caches -%}{%- do caches.update({model.unique_id: {}}) -%}{%- endif -%}
  {{ return(caches[model.unique_id]) }}
{%- endmacro %}

{#-
  A dict for the current node that lives as long as this dbt invocation: what the node's
  macros work out from the warehouse before it is built (heap_connect.rebuild_reason, its
  sync state, its batch's profile, its table's columns), asked by its SQL, its build comment,
  its pre-hook and the materialization, is then queried once instead of at every ask. Every
  ask of these happens while the node runs, before its table is written, and nothing else
  changes what they read meanwhile (a node's sync state and table are its own; the profile
  is built before it), so a cached answer is the answer a new query would give.

  dbt's macros keep no state between calls; `graph` (the manifest's flat graph) is one dict
  shared by every node's context for the whole invocation, so the cache hangs there, keyed
  by invocation and node. Empty and not kept while dbt parses.
-#}
{% macro node_cache() -%}
  {%- if not execute -%}{{ return({}) }}{%- endif -%}
  {%- set caches = graph.setdefault('heap_connect__node_cache', {}) -%}
  {%- set key = invocation_id ~ ' ' ~ model.unique_id -%}
  {%- if key not in caches -%}{%- do caches.update({key: {}}) -%}{%- endif -%}
  {{ return(caches[key]) }}
{%- endmacro %}

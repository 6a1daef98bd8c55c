{#-
  A dict that lives as long as this dbt invocation, for answers that stay the same for all
  of it (what the event tables' sync learnt from the warehouse, what each event table's
  sync did, lists derived from the column spec). dbt's macros keep no state between calls;
  `graph` (the manifest's flat graph) is one dict shared by every node's context for the
  whole invocation, so the cache hangs there, keyed by invocation. Empty and not kept while
  dbt parses.
-#}
{% macro invocation_cache() -%}
  {%- if not execute -%}{{ return({}) }}{%- endif -%}
  {%- set caches = graph.setdefault('heap_connect__invocation_cache', {}) -%}
  {%- if invocation_id not in caches -%}{%- do caches.update({invocation_id: {}}) -%}{%- endif -%}
  {{ return(caches[invocation_id]) }}
{%- endmacro %}

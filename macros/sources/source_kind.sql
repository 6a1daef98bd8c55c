{#-
  The kind of tracker tables that feed the project: `source:` in definitions/heap_connect.yml
  (heap_raw, posthog, segment, rudderstack, snowplow). Each folder of models/staging/ is one kind's (segment/
  serves both segment and rudderstack) staging models, enabled for
  that kind only; they all give the same models (stg_events, stg_identifies,
  stg_user_properties) with the same columns, so nothing downstream knows the source.
-#}
{% macro source_kind() -%}
  {{ return(heap_connect.heap_connect_settings()['source']['kind']) }}
{%- endmacro %}

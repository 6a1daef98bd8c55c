{#-
  The time segments count `within_days` back from: var('heap_connect__segments_as_of') (UTC,
  'YYYY-MM-DD HH:MM:SS') when set, else the start of this sync (dbt's run_started_at, UTC).
  Segment views are rebuilt by every sync, so their window moves with each sync.
-#}
{% macro segments_as_of() -%}
  {%- set configured = var('heap_connect__segments_as_of', none) -%}
  {%- if configured is none or configured == '' -%}
    {{ return(run_started_at) }}
  {%- elif configured is string -%}
    {{ return(modules.datetime.datetime.fromisoformat(configured)) }}
  {%- endif -%}
  {{ return(configured) }}
{%- endmacro %}

{#- What heap_connect.apply_event_tables did to each labeled event's table in this dbt
    invocation (heap_connect.invocation_cache): {label_id: {table, build, started, ended,
    plan}}; on-run-end's _sync_info rows read it. -#}
{% macro event_table_builds() -%}
  {{ return(heap_connect.invocation_cache().setdefault('event_table_builds', {})) }}
{%- endmacro %}

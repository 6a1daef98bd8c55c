{#- Tells dbt's relation cache about an event table int_event_tables created (`replaced`:
    dropped and made again, with the views that read it). Snowflake: nothing; dbt's lookups
    of a relation added from here are "approximate matches" against its own, so it lists the
    schema instead. -#}
{% macro cache_synced_table(relation, replaced) -%}
  {{ return(adapter.dispatch('cache_synced_table', 'heap_connect')(relation, replaced)) }}
{%- endmacro %}

{% macro default__cache_synced_table(relation, replaced) -%}
  {%- if replaced %}{% do adapter.cache_dropped(relation) %}{% endif -%}
  {%- do adapter.cache_added(relation) -%}
{%- endmacro %}

{% macro snowflake__cache_synced_table(relation, replaced) -%}
{%- endmacro %}

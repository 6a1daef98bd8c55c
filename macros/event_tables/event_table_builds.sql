{#- What heap_connect.apply_event_tables did to each labeled event's table in this dbt
    invocation: {label_id: {table, build, started, ended}} (on-run-end's _sync_info rows
    read it). Kept on `graph`, the one object every node's context shares for the
    invocation (see heap_connect.node_cache). -#}
{% macro event_table_builds() -%}
  {%- set builds = graph.setdefault('heap_connect__event_table_builds', {}) -%}
  {%- if invocation_id not in builds -%}{%- do builds.update({invocation_id: {}}) -%}{%- endif -%}
  {{ return(builds[invocation_id]) }}
{%- endmacro %}

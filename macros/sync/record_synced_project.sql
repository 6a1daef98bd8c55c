{#- Keeps `fingerprint` as the project the last sync built (_heap_synced_project): heapgen
    sync runs it after a build that succeeded (heap_connect.sync_nothing_new reads it).
    Run as: dbt run-operation record_synced_project --args '{fingerprint: ...}' -#}
{% macro record_synced_project(fingerprint) -%}
  {%- set relation = heap_connect.internal_relation('_heap_synced_project') -%}
  {%- do heap_connect.run_in_transaction(heap_connect.delete_where(relation, '1 = 1')) -%}
  {%- do heap_connect.run_in_transaction('insert into ' ~ relation ~ ' (fingerprint, synced_at) values ('
      ~ heap_connect.sql_string(fingerprint) ~ ', ' ~ heap_connect.timestamp_literal(modules.datetime.datetime.utcnow()) ~ ')') -%}
  {%- do adapter.commit() -%}
{%- endmacro %}

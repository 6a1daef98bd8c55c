{#-
  The int_events synced_at after which this sync's batch (int_event_batch) starts: the oldest
  watermark among the incremental models that read it (the event tables, and the models
  whose heap_connect.sync_policy reads `batch`) and have a sync state (a model a sync failed
  before keeps an older one, and the batch then covers it too), or none when none has:
  every one of them is then built from all history and the batch is not needed.
-#}
{% macro batch_start() -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return(none) }}{%- endif -%}
  {%- set names = [] -%}
  {%- for node in graph.nodes.values()
      if node.resource_type == 'model' and node.package_name == 'heap_connect'
      and (node.config.materialized == 'heap_event_table'
        or (node.config.materialized == 'incremental' and heap_connect.sync_policy(node)['reads'] == 'batch')) -%}
    {%- do names.append(heap_connect.sql_string(node.name)) -%}
  {%- endfor -%}
  {%- set relation = heap_connect.internal_relation('_heap_sync_state') -%}
  {%- if not names or adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set rows = run_query('select count(*), count(synced_through), min(synced_through) from ' ~ relation
      ~ ' where model_name in (' ~ names | join(', ') ~ ')').rows -%}
  {%- if rows[0][0] == 0 -%}{{ return(none) }}{%- endif -%}
  {#- a model that was built when there were no events has no watermark: everything is new to it -#}
  {{ return(modules.datetime.datetime(1, 1, 1) if rows[0][1] < rows[0][0] else rows[0][2]) }}
{%- endmacro %}

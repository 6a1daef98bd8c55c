{#-
  The materialization of int_event_tables: every synced labeled event's table synced in one
  node by heap_connect.apply_event_tables (dbt's fixed cost per node and per query would
  otherwise be paid once per table), then the node's own table: one row per event table,
  how this sync built it (event_table_name, build, sync_started, sync_ended).
-#}
{% materialization heap_event_tables, default -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {%- set label_ids = [] -%}
  {%- for label in heap_connect.synced_labels() %}{% do label_ids.append(label['label_id']) %}{% endfor -%}
  {%- set builds = heap_connect.apply_event_tables(label_ids) -%}
  {%- set rows = [] -%}
  {%- for build in builds -%}
    {%- do rows.append([heap_connect.sql_string(build['table']), heap_connect.sql_string(build['build']),
        heap_connect.timestamp_literal(build['started']), heap_connect.timestamp_literal(build['ended'])]) -%}
  {%- endfor -%}
  {%- set sql = heap_connect.literal_rows([('event_table_name', dbt.type_string()), ('build', dbt.type_string()),
      ('sync_started', dbt.type_timestamp()), ('sync_ended', dbt.type_timestamp())], rows) -%}
  {%- set statements = heap_connect.replace_table_statements(target_relation, sql) -%}
  {%- do heap_connect.run_statements(statements[:-1]) -%}
  {%- call statement('main') -%}{{ statements[-1] }}{%- endcall -%}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {%- do adapter.commit() -%}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{%- endmaterialization %}

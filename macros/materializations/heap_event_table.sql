{#-
  The materialization of one labeled event's model (models/heap_generated/events): its
  table synced by heap_connect.apply_event_tables, unless the event-tables node
  (int_event_tables) already did so in this dbt invocation, as it does on `heapgen sync`
  and a plain `dbt build`; `dbt build -s heap_event__x` syncs just that table. The model's
  compiled SQL is the query its table was (or would be) built with.
-#}
{% materialization heap_event_table, default -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {%- set builds = [] -%}
  {%- if model.alias not in heap_connect.event_table_builds() -%}
    {%- set builds = heap_connect.apply_event_tables([model.alias]) -%}
    {%- call noop_statement('main', builds[0]['build'] if builds else 'OK') -%}{%- endcall -%}
  {%- else -%}
    {%- call noop_statement('main', 'synced by int_event_tables') -%}{%- endcall -%}
  {%- endif -%}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {#- a transaction is open only when this node's statements ran (PostgreSQL refuses to
      commit none) -#}
  {%- if builds -%}{%- do adapter.commit() -%}{%- endif -%}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{%- endmaterialization %}

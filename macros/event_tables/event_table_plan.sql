{#-
  How a labeled event's table is synced this sync, decided from heap_connect.event_table_facts
  with no further query (except to type a table rebuilt outside a first sync or
  --full-refresh, and to check a text column's values): a dict with
  - label, model (its dbt model's name), relation, prior (its adapter Columns before the
    sync; [] when it does not exist), state_hash (heap_connect.event_table_state_hash);
  - action: `rebuild` (from all history: `reason`, heap_connect.event_table_rebuild_reason),
    `reorder` (its rows and the batch's copied into a full build's column order:
    `reorder_reason`, heap_connect.column_order_change), `batch` (the batch's rows deleted
    and inserted again, new property columns appended), or `keep` (archived: it stays as it is);
  - properties: its property columns (heap_connect.property_columns) and layout: every
    column in a full build's order, {name, type};
  - build: what heapgen sync and _sync_info read: `rebuild: <reason>`, `batch` or
    `batch, columns reordered: <why>`.
  `brief`: when the sync's batch is empty and the table needs no rebuild, nothing is done to
  it, so its properties and layout are not worked out (none): an edit at 1,000 labels
  otherwise spent seconds laying out 999 tables it leaves alone.
-#}
{% macro event_table_plan(label, brief=false) -%}
  {%- set c = heap_connect.heap_connect_sync_contract() -%}
  {%- set facts = heap_connect.event_table_facts() -%}
  {%- set model = heap_connect.event_model_name(label['label_id']) -%}
  {%- set node = graph.nodes['model.heap_connect.' ~ model] -%}
  {#- as ref() makes it (the project's quoting), so dbt's relation cache knows it as its model's -#}
  {%- set relation = this.incorporate(path={'database': node.database, 'schema': node.schema, 'identifier': node.alias}, type='table') -%}
  {%- set state_hash = heap_connect.event_table_state_hash(label) -%}
  {%- set reason = heap_connect.event_table_rebuild_reason(label, facts, relation, state_hash) -%}
  {%- set plan = {'label': label, 'model': model, 'relation': relation, 'reason': reason,
      'prior': facts['columns'].get(label['label_id'] | lower, []),
      'state_hash': state_hash, 'reorder_reason': none} -%}
  {%- if reason is not none -%}
    {%- set properties = heap_connect.event_table_profile_columns(label, facts, 'history') -%}
    {%- if properties is none -%}
      {%- set tagged -%}
        (
          select e.event_id, e.properties
          from {{ ref('int_events_labeled') }} as t
          inner join {{ ref('int_events') }} as e
            on e.event_id = t.event_id
          where t.label_id = {{ heap_connect.sql_string(label['label_id']) }}
        )
      {%- endset -%}
      {%- set properties = heap_connect.infer_property_columns(
          heap_connect.json_object_entries(tagged, 'properties', ['event_id']),
          heap_connect.event_table_reserved(), label['label_id']) -%}
    {%- endif -%}
    {%- do plan.update({'action': 'rebuild', 'properties': properties, 'build': c['build_rebuild'] ~ reason}) -%}
  {%- elif brief and facts['batch_size'] == 0 -%}
    {%- do plan.update({'action': 'keep' if label['archived'] else 'batch', 'build': c['build_batch'],
        'properties': none, 'layout': none}) -%}
    {{ return(plan) }}
  {%- else -%}
    {%- set properties = heap_connect.event_table_batch_columns(plan['prior'],
        heap_connect.event_table_profile_columns(label, facts, 'batch')) -%}
    {%- do plan.update({'properties': properties, 'build': c['build_batch']}) -%}
  {%- endif -%}
  {%- do plan.update({'layout': heap_connect.event_table_layout(label, plan['properties'])}) -%}
  {%- if reason is none and label['archived'] -%}
    {%- do plan.update({'action': 'keep'}) -%}
  {%- elif reason is none -%}
    {%- set reorder = heap_connect.column_order_change(plan['prior'], plan['layout']) -%}
    {%- do plan.update({'action': 'reorder' if reorder else 'batch', 'reorder_reason': reorder,
        'build': c['build_batch'] ~ (c['build_reordered'] ~ reorder if reorder else '')}) -%}
  {%- endif -%}
  {{ return(plan) }}
{%- endmacro %}

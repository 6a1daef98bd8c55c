{#-
  Syncs the tables of the labeled events `label_ids` as heap_connect.event_table_plan says,
  in plain statements sent a few hundred at a time, reading the rows of the sync written once
  in label order (heap_connect.event_table_rows, heap_connect.in_tag_order), (heap_connect.run_statements) within
  the node's transaction: a rebuilt table or one copied into a new column order is replaced
  (heap_connect.replace_table_statements); a table taking its batch has the batch's rows
  deleted, its new property columns added (after its last column: the plan copies it when
  that would break a full build's order) and, when its label tagged any of the batch's
  events, the batch's rows inserted; the rows of the batch's events that only changed user
  (int_event_batch's `rows_rewritten`) are not deleted but moved to their new user id in
  place, before a copy into a new column order (heap_connect.move_user_ids, from the moves
  written once: heap_connect.batch_user_moves); an archived table stays as it is. Then every table's
  sync state (_heap_sync_state: what it was built from, the newest synced_at of int_events
  taken in) in two statements. Returns [{table, build, started, ended}] and logs one line
  `heap_connect_event_table_builds {table: build, ...}` for heapgen sync (one log event per
  table cost ~1 s at 1,000 tables); what each did is also kept for this invocation's
  on-run-end (heap_connect.event_table_builds).
-#}
{% macro apply_event_tables(label_ids) -%}
  {%- set facts = heap_connect.event_table_facts() -%}
  {%- set started = modules.datetime.datetime.utcnow() -%}
  {%- set rows = heap_connect.internal_relation('_heap_event_table_rows') -%}
  {%- set plans = [] -%}
  {%- set history = [] -%}
  {%- for label in heap_connect.labels() if label['sync'] and label['label_id'] in label_ids -%}
    {%- set plan = heap_connect.event_table_plan(label, brief=true) -%}
    {%- do plans.append(plan) -%}
    {%- if plan['action'] == 'rebuild' %}{% do history.append(label['label_id']) %}{% endif -%}
  {%- endfor -%}
  {#- one table rebuilt and no batch (an edit with nothing new to read): its statement reads
      its rows straight from the join, not from rows written first (10M events, one table
      of 846k rows: 0.8-1.1 s against 2.1-3.4 s, decision 0045) -#}
  {%- set inline = history | length == 1 and facts['batch_size'] == 0
      and plans | selectattr('action', 'in', ['rebuild', 'reorder']) | list | length == 1 -%}
  {%- set rows = '(' ~ heap_connect.event_table_rows(history) ~ ')' if inline else rows -%}
  {%- set statements = [] -%}
  {%- set moves = heap_connect.internal_relation('_heap_user_moves') -%}
  {%- set moved = [] -%}
  {%- set reads_rows = [] -%}
  {#- each column name quoted once, not once per table: ~50 columns x 1,000 tables of macro
      dispatch cost about a second of Jinja -#}
  {%- set quoted = {} -%}
  {%- for plan in plans -%}
    {%- set relation = plan['relation'] -%}
    {%- if plan['action'] in ('batch', 'reorder') and facts['moved_rows'].get(plan['label']['label_id'], 0) > 0 -%}
      {%- do moved.append(relation) -%}
      {%- do statements.append(heap_connect.move_user_ids(relation, 'event_id', 'select moved_key, moved_user_id from ' ~ moves)) -%}
    {%- endif -%}
    {%- if plan['action'] in ('rebuild', 'reorder') %}{% do reads_rows.append(relation) %}{% endif -%}
    {%- if plan['action'] == 'rebuild' and not plan['prior'] -%}
      {%- do statements.append(get_create_table_as_sql(False, relation, heap_connect.event_table(plan, rows))) -%}
    {%- elif plan['action'] in ('rebuild', 'reorder') -%}
      {%- do statements.extend(heap_connect.replace_table_statements(relation, heap_connect.event_table(plan, rows))) -%}
    {%- elif plan['action'] == 'batch' and facts['batch_size'] > 0 -%}
      {%- do statements.append(heap_connect.delete_where_in(relation, 'event_id',
          'select event_id from ' ~ ref('int_event_batch') ~ ' where rows_rewritten')) -%}
      {%- set held = plan['prior'] | map(attribute='name') | map('lower') | list -%}
      {%- for column in plan['layout'] if column['name'] not in held -%}
        {%- do statements.append('alter table ' ~ relation ~ ' add column ' ~ heap_connect.quote_column(column['name'])
            ~ ' ' ~ heap_connect.type_for(column['type'])) -%}
      {%- endfor -%}
      {%- if facts['batch_rows'].get(plan['label']['label_id'], 0) > 0 -%}
        {%- set names = [] -%}
        {%- for column in plan['layout'] -%}
          {%- if column['name'] not in quoted %}{% do quoted.update({column['name']: heap_connect.quote_column(column['name'])}) %}{% endif -%}
          {%- do names.append(quoted[column['name']]) -%}
        {%- endfor -%}
        {%- do statements.append('insert into ' ~ relation ~ ' (' ~ names | join(', ') ~ ')\n' ~ heap_connect.event_table(plan, rows)) -%}
        {%- do reads_rows.append(relation) -%}
      {%- endif -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if reads_rows and not inline -%}
    {#- the rows the statements read, written once, dropped once read: in label order
        (heap_connect.in_tag_order) when they hold batches only or the history of over a
        tenth of the tables (a first sync, an upgrade), so that each table reads its own
        rows only. A few tables rebuilt (an edit) read few tags: the join is left to the
        optimizer, which builds on those tags and reads the events once, where building
        on all events took 10.8 of an edit's 22 s at 10M (decision 0015). -#}
    {%- set create_rows = get_create_table_as_sql(False, rows,
        heap_connect.event_table_rows(history, all_labels=history | length == plans | length)) -%}
    {%- set few_rebuilt = history and history | length * 10 <= plans | length -%}
    {%- set statements = [get_drop_sql(rows)] + ([create_rows] if few_rebuilt else heap_connect.in_tag_order(create_rows))
        + statements + [get_drop_sql(rows)] -%}
  {%- endif -%}
  {%- if moved -%}
    {#- the moves, written once for every table (10M events, 5% of users merged: 646k rows
        of 485k events moved in 100 tables in 1.4 s, where deleting and inserting them
        again cost 11.9 s: decision 0015) -#}
    {%- set statements = [get_drop_sql(moves), get_create_table_as_sql(False, moves,
        heap_connect.batch_user_moves('event_id', 'int_event_batch'))] + statements + [get_drop_sql(moves)] -%}
  {%- endif -%}
  {%- if plans -%}
    {%- set state = heap_connect.internal_relation('_heap_sync_state') -%}
    {%- set names = [] -%}
    {%- set states = [] -%}
    {%- for plan in plans -%}
      {%- do names.append(heap_connect.sql_string(plan['model'])) -%}
      {%- do states.append([heap_connect.sql_string(plan['model']), heap_connect.sql_string(plan['state_hash'])]) -%}
    {%- endfor -%}
    {%- do statements.append(heap_connect.delete_where(state, 'model_name in (' ~ names | join(', ') ~ ')')) -%}
    {%- do statements.append('insert into ' ~ state ~ ' (model_name, state_hash, synced_through, updated_at)\n'
        ~ 'select states.model_name, states.state_hash, (select max(synced_at) from ' ~ ref('int_events') ~ '), '
        ~ heap_connect.timestamp_literal(run_started_at) ~ '\nfrom (\n'
        ~ heap_connect.literal_rows([('model_name', dbt.type_string()), ('state_hash', dbt.type_string())], states) ~ '\n) as states') -%}
  {%- endif -%}
  {%- do heap_connect.run_statements(statements) -%}
  {#- dbt's relation cache: a new table is added; a table replaced by drop and rename
      (DuckDB, PostgreSQL, Redshift) lost its views (all_events, segment views), which dbt
      must then create anew; `create or replace` (Snowflake, BigQuery) changes nothing -#}
  {%- set dropped = heap_connect.replace_table_statements(plans[0]['relation'], 'select 1') | length > 1 if plans else false -%}
  {%- for plan in plans if plan['action'] in ('rebuild', 'reorder') and (dropped or not plan['prior']) -%}
    {%- do heap_connect.cache_synced_table(plan['relation'], plan['prior'] | length > 0) -%}
  {%- endfor -%}
  {%- set ended = modules.datetime.datetime.utcnow() -%}
  {%- set builds = heap_connect.event_table_builds() -%}
  {%- set result = [] -%}
  {%- set logged = {} -%}
  {%- for plan in plans -%}
    {%- set build = {'table': plan['relation'].identifier, 'build': plan['build'], 'started': started, 'ended': ended, 'plan': plan} -%}
    {%- do builds.update({plan['label']['label_id']: build}) -%}
    {%- do result.append(build) -%}
    {%- do logged.update({build['table']: build['build']}) -%}
  {%- endfor -%}
  {%- if logged -%}
    {%- do log(heap_connect.heap_connect_sync_contract()['markers']['event_table_builds'] ~ tojson(logged), info=true) -%}
  {%- endif -%}
  {{ return(result) }}
{%- endmacro %}

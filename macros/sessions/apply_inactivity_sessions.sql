{#-
  Post-hook of int_events: gives the client-side events without a session id
  (`session_by_inactivity`) their session of 30 minutes' inactivity
  (heap_connect.inactivity_sessions), recomputed over all such events of every user with a
  row this sync wrote (`synced_at`; every row on a full build), so that a late event landing
  before, inside, between or across earlier sessions, or an earlier-loaded copy of one with a
  session id, gives the sessions a full build gives. A held event whose session changes is rewritten in place: its new
  session, the one it had in `previous_session_id` (int_event_batch recomputes that session
  too), and this sync's `synced_at`. A row this sync wrote keeps the previous_session_id it
  was written with (the session of the copy it replaced).
-#}
{% macro apply_inactivity_sessions(relation, synced_at) -%}
  {%- set now = heap_connect.timestamp_literal(synced_at) -%}
  {%- set time = heap_connect.quote_column('time') -%}
  {%- set rows_sql -%}
    select event_id, user_id, {{ time }}
    from {{ relation }}
    where session_by_inactivity
      and user_id in (select user_id from {{ relation }} where synced_at = {{ now }})
  {%- endset -%}
  {{ return(adapter.dispatch('apply_inactivity_sessions', 'heap_connect')(
      relation, heap_connect.inactivity_sessions(rows_sql), now)) }}
{%- endmacro %}

{# UPDATE ... FROM: DuckDB, PostgreSQL, Redshift and Snowflake; the right-hand sides read
   the row's values before the update.
   https://duckdb.org/docs/stable/sql/statements/update
   https://docs.snowflake.com/en/sql-reference/sql/update
   https://docs.aws.amazon.com/redshift/latest/dg/r_UPDATE.html #}
{% macro default__apply_inactivity_sessions(relation, cut_sql, now) -%}
  update {{ relation }} as held
  set
    session_id = cut.session_id,
    previous_session_id = case when held.synced_at = {{ now }} then held.previous_session_id else held.session_id end,
    synced_at = {{ now }}
  from ({{ cut_sql }}) as cut
  where held.event_id = cut.event_id
    and (held.session_id is null or held.session_id <> cut.session_id)
{%- endmacro %}

{# BigQuery's emulator runs MERGE but not UPDATE; MERGE is also BigQuery's own advice for
   updates from another table. https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__apply_inactivity_sessions(relation, cut_sql, now) -%}
  merge into {{ relation }} as held
  using ({{ cut_sql }}) as cut
  on held.event_id = cut.event_id
  when matched and (held.session_id is null or held.session_id <> cut.session_id) then update set
    session_id = cut.session_id,
    previous_session_id = case when held.synced_at = {{ now }} then held.previous_session_id else held.session_id end,
    synced_at = {{ now }}
{%- endmacro %}

{# Databricks: Delta tables take MERGE, BigQuery's form (UPDATE has no FROM there; and
   dbt-databricks would dispatch to the Spark form).
   https://docs.databricks.com/aws/en/sql/language-manual/delta-merge-into #}
{% macro databricks__apply_inactivity_sessions(relation, cut_sql, now) -%}
  {{ heap_connect.bigquery__apply_inactivity_sessions(relation, cut_sql, now) }}
{%- endmacro %}

{# Spark: parquet tables take no UPDATE; the table is written again from itself joined to
   the cut, every column in its order, the three changed where the UPDATE would change them:
   when int_events is partitioned (by day: heap_connect.batch_partition_config), an INSERT
   OVERWRITE of the days of the cut's events (dynamic partition overwrite; no row moves to
   another day), else the whole table (heap_connect.spark_rewrite).
   https://spark.apache.org/docs/latest/sql-ref-syntax-dml-insert-table.html #}
{% macro spark__apply_inactivity_sessions(relation, cut_sql, now) -%}
  {%- set changed = '(cut.event_id is not null and (held.session_id is null or held.session_id <> cut.session_id))' -%}
  {%- set new = {
      'session_id': 'cut.session_id',
      'previous_session_id': 'case when held.synced_at = ' ~ now ~ ' then held.previous_session_id else held.session_id end',
      'synced_at': now} -%}
  {%- set columns = adapter.get_columns_in_relation(relation) if execute else [] -%}
  {%- set rows %}
  select
  {%- for column in columns %}
    {% if column.name | lower in new -%}
    case when {{ changed }} then {{ new[column.name | lower] }} else held.{{ column.quoted }} end as {{ column.quoted }}
    {%- else -%}
    held.{{ column.quoted }}
    {%- endif %}{{ ',' if not loop.last }}
  {%- endfor %}
  from {{ relation }} as held
  left join ({{ cut_sql }}) as cut
    on held.event_id = cut.event_id
  {%- endset %}
  {%- set partition_by = config.get('partition_by') -%}
  {%- if partition_by -%}
  {%- set part = partition_by if partition_by is string else partition_by[0] -%}
  insert overwrite table {{ relation }} partition ({{ part }})
  {{ rows }}
  where held.{{ part }} in (
    select cut_held.{{ part }} from {{ relation }} as cut_held
    left semi join ({{ cut_sql }}) as cut_days on cut_held.event_id = cut_days.event_id
  )
  {%- else -%}
  {{ heap_connect.spark_rewrite(relation, rows) }}
  {%- endif -%}
{%- endmacro %}

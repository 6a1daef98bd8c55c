{#-
  Records requests to delete users (GDPR erasure) in _heap_deletion_requests of the internal
  schema: one row per user id and one per identity, stamped with this run's start
  (`requested_at`). The next sync applies them (heap_connect.apply_user_deletions). Logs one
  line `heap_connect_deletion_requests N`.
  Run as: dbt run-operation record_deletion_requests --args '{user_ids: [...], identities: [...]}'
  (`heapgen delete-users` does).
-#}
{% macro record_deletion_requests(user_ids=[], identities=[]) -%}
  {%- do heap_connect.ensure_sync_tables() -%}
  {%- set rows = [] -%}
  {%- set text_type = dbt.type_string() -%}
  {%- for user_id in user_ids -%}
    {%- do rows.append('select ' ~ (user_id | int) ~ ' as user_id, cast(null as ' ~ text_type ~ ') as identity') -%}
  {%- endfor -%}
  {%- for identity in identities -%}
    {%- do rows.append('select cast(null as ' ~ dbt.type_bigint() ~ ') as user_id, ' ~ heap_connect.sql_string(identity) ~ ' as identity') -%}
  {%- endfor -%}
  {%- if rows -%}
    {%- set requests = heap_connect.internal_relation('_heap_deletion_requests') -%}
    {%- do heap_connect.run_in_transaction('insert into ' ~ requests ~ ' (requested_at, user_id, identity) select '
        ~ heap_connect.timestamp_literal(run_started_at) ~ ', user_id, identity from ('
        ~ rows | join(' union all ') ~ ') as requested') -%}
    {%- do adapter.commit() -%}
  {%- endif -%}
  {%- do log(heap_connect.heap_connect_sync_contract()['markers']['deletion_requests'] ~ rows | length, info=true) -%}
{%- endmacro %}

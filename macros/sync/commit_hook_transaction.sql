{#-
  Commits what an on-run-end hook wrote when the adapter leaves a transaction open behind it.
  Nothing to do on most adapters: their hooks' statements are committed by dbt.
-#}
{% macro commit_hook_transaction() -%}
  {{ return(adapter.dispatch('commit_hook_transaction', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__commit_hook_transaction() -%}
{%- endmacro %}

{# dbt-redshift runs adapter.drop_relation in `fresh_transaction()` (DROP ... CASCADE must not
   share a transaction: https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_TABLE.html),
   which commits, then BEGINs a new transaction that nothing commits: without this, whatever
   the hook wrote after dropping a table (_dropped_tables, the sync's status) was rolled back
   when dbt released the connection. COMMIT outside a transaction only warns
   (https://docs.aws.amazon.com/redshift/latest/dg/r_COMMIT.html). #}
{% macro redshift__commit_hook_transaction() -%}
  {%- do run_query('commit') -%}
{%- endmacro %}

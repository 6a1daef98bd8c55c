{#-
  Runs `sql` (a statement that writes) in the connection's transaction, opening one when
  none is open: dbt's run_query never opens one, so on DuckDB, PostgreSQL and Redshift each
  of its statements commits alone, except after a lookup that missed dbt's relation cache,
  which leaves a transaction open that dbt rolls back at the end of a hook or run-operation.
  The caller ends with `adapter.commit()`, which commits every statement run through here at
  once (BigQuery: no transaction, each statement stands alone).
-#}
{% macro run_in_transaction(sql) -%}
  {%- call statement('heap_connect_write', fetch_result=false, auto_begin=true) -%}
    {{ sql }}
  {%- endcall -%}
{%- endmacro %}

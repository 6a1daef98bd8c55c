{#-
  Stops a sync whose target runs more nodes at once than its warehouse's writes allow, before
  anything is written (on-run-start, heap_connect.on_sync_start). Spark and Databricks (which
  dispatches to spark__): parquet takes no DELETE, so the bookkeeping tables every node writes
  its row into (_heap_sync_state, _heap_raw_arrivals) are written again whole
  (spark__delete_where, heap_connect.spark_rewrite); two nodes doing that at once lose each other's rows, and
  the next sync would read the wrong state. Those targets sync with threads: 1
  (decision 0043).
-#}
{% macro check_sync_threads() -%}
  {{ return(adapter.dispatch('check_sync_threads', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__check_sync_threads() -%}
{%- endmacro %}

{% macro spark__check_sync_threads() -%}
  {%- if target.threads > 1 -%}
    {%- do exceptions.raise_compiler_error('heap_connect syncs on ' ~ target.type ~ ' with threads: 1, and target `'
        ~ target.name ~ '` has threads: ' ~ target.threads ~ ': set threads: 1 in its profile (or pass --threads 1);'
        ~ ' its bookkeeping tables are written again whole, and two nodes doing that at once lose rows (decision 0043)') -%}
  {%- endif -%}
{%- endmacro %}

{#- Sets status, finish_time and error of the _sync_history rows that are still `running`
    and started at `start_time` (all running rows when it is none). -#}
{% macro set_sync_status(status, finish_time, error, start_time=none) -%}
  {{ return(adapter.dispatch('set_sync_status', 'heap_connect')(status, finish_time, error, start_time)) }}
{%- endmacro %}

{% macro default__set_sync_status(status, finish_time, error, start_time) -%}
  update {{ heap_connect.sync_relation('_sync_history') }}
  set status = {{ heap_connect.sql_string(status) }},
      finish_time = {{ heap_connect.timestamp_literal(finish_time) }},
      error = {{ 'null' if error is none else heap_connect.sql_string(error) }}
  where status = 'running'
  {%- if start_time is not none %}
    and start_time = {{ heap_connect.timestamp_literal(start_time) }}
  {%- endif %}
{%- endmacro %}

{# BigQuery (and its emulator) updates through MERGE.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement #}
{% macro bigquery__set_sync_status(status, finish_time, error, start_time) -%}
  merge into {{ heap_connect.sync_relation('_sync_history') }} as history
  using (select 1 as one) as source
  on history.status = 'running'
  {%- if start_time is not none %}
    and history.start_time = {{ heap_connect.timestamp_literal(start_time) }}
  {%- endif %}
  when matched then update set
    status = {{ heap_connect.sql_string(status) }},
    finish_time = {{ heap_connect.timestamp_literal(finish_time) }},
    error = {{ 'null' if error is none else heap_connect.sql_string(error) }}
{%- endmacro %}

{# Databricks: Delta tables take UPDATE (and dbt-databricks would dispatch to the Spark form).
   https://docs.databricks.com/aws/en/sql/language-manual/delta-update #}
{% macro databricks__set_sync_status(status, finish_time, error, start_time) -%}
  {{ heap_connect.default__set_sync_status(status, finish_time, error, start_time) }}
{%- endmacro %}

{# Spark: parquet tables take no UPDATE; _sync_history (a few rows a sync) is written again
   from itself with the running rows changed (heap_connect.spark_rewrite).
   https://spark.apache.org/docs/latest/sql-ref-syntax-dml-insert-table.html #}
{% macro spark__set_sync_status(status, finish_time, error, start_time) -%}
  {%- set changed -%}
    (status = 'running'{% if start_time is not none %} and start_time = {{ heap_connect.timestamp_literal(start_time) }}{% endif %})
  {%- endset -%}
  {%- set new = {
      'status': heap_connect.sql_string(status),
      'finish_time': heap_connect.timestamp_literal(finish_time),
      'error': 'cast(null as ' ~ dbt.type_string() ~ ')' if error is none else heap_connect.sql_string(error)} -%}
  {%- set rows %}
  select
  {%- for column in heap_connect.spec_columns('_sync_history') %}
    {% if column['name'] in new -%}
    case when coalesce({{ changed }}, false) then {{ new[column['name']] }} else {{ column['name'] }} end as {{ column['name'] }}
    {%- else -%}
    {{ column['name'] }}
    {%- endif %}{{ ',' if not loop.last }}
  {%- endfor %}
  from {{ heap_connect.sync_relation('_sync_history') }}
  {%- endset %}
  {{ heap_connect.spark_rewrite(heap_connect.sync_relation('_sync_history'), rows) }}
{%- endmacro %}

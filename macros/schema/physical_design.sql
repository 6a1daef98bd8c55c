{#-
  The warehouse's physical design of an output table of `kind` ('event': event tables,
  pageviews, sessions, one row per event or session, filtered by time and joined on
  user_id; 'user': users), as model configs for the adapter's own materializations. Off
  by default and on the stand-ins: var heap_connect__physical_design turns it on. Every
  model that calls it passes the result to config(); an empty dict changes nothing.
  A change of design applies when a table is next rebuilt (`dbt build --full-refresh`).
-#}
{% macro physical_design(kind) -%}
  {%- if var('heap_connect__physical_design', false) not in (true, 'true', 'True', 1, '1') -%}
    {{ return({}) }}
  {%- endif -%}
  {{ return(adapter.dispatch('physical_design', 'heap_connect')(kind)) }}
{%- endmacro %}

{#- DuckDB and PostgreSQL: no table options. -#}
{% macro default__physical_design(kind) -%}
  {{ return({}) }}
{%- endmacro %}

{#- Redshift: distribute on user_id (joins to users, per-user windows stay on one slice);
    sort events by time (range-restricted scans skip blocks); users sorted by user_id.
    https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
    https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-sort-key.html
    https://docs.getdbt.com/reference/resource-configs/redshift-configs#using-sortkey-and-distkey -#}
{% macro redshift__physical_design(kind) -%}
  {%- set sort = heap_connect.quote_column('time') if kind == 'event' else 'user_id' -%}
  {{ return({'dist': 'user_id', 'sort': [sort]}) }}
{%- endmacro %}

{#- BigQuery: event tables partitioned by the day of `time` (a query with a time filter
    reads only its days) and clustered by user_id; users clustered by user_id.
    https://cloud.google.com/bigquery/docs/partitioned-tables#date_timestamp_partitioned_tables
    https://cloud.google.com/bigquery/docs/clustered-tables
    https://docs.getdbt.com/reference/resource-configs/bigquery-configs#partition-clause -#}
{% macro bigquery__physical_design(kind) -%}
  {%- if kind == 'event' -%}
    {{ return({'partition_by': {'field': 'time', 'data_type': 'timestamp', 'granularity': 'day'},
               'cluster_by': ['user_id']}) }}
  {%- endif -%}
  {{ return({'cluster_by': ['user_id']}) }}
{%- endmacro %}

{#- Snowflake: a clustering key on the day of `time`, then user_id, for large event tables
    (Snowflake advises one only for multi-terabyte tables; users gets none).
    https://docs.snowflake.com/en/user-guide/tables-clustering-keys
    https://docs.getdbt.com/reference/resource-configs/snowflake-configs#configuring-table-clustering -#}
{% macro snowflake__physical_design(kind) -%}
  {%- if kind == 'event' -%}
    {{ return({'cluster_by': ['to_date(' ~ heap_connect.quote_column('time') ~ ')', 'user_id']}) }}
  {%- endif -%}
  {{ return({}) }}
{%- endmacro %}

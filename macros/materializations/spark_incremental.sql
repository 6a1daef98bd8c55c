{#-
  OVERRIDES dbt-spark's `incremental` materialization (dbt-spark 1.11.0,
  dbt/include/spark/macros/materializations/incremental/incremental.sql) on Spark, for two
  things the project's incremental models need and dbt-spark does not do on parquet
  (decision 0043):
  - a rebuild (heap_connect.should_full_refresh: a changed definition, `users` copied into a
    new column order) is built under another name and swapped in
    (heap_connect.replace_table_statements), as on the other warehouses: dbt-spark drops the
    table first and then creates it, so a model that reads its own prior rows (`users`'
    reorder, heap_connect.prior_rows) finds no table, and a reader finds none meanwhile;
  - the `delete+insert` strategy (heap_connect.upsert_strategy: int_events, int_sessions),
    which dbt-spark refuses: parquet tables take no DELETE, so heap_connect.spark_upsert
    overwrites the partitions the new rows touch (a partitioned table: int_events by day,
    heap_connect.batch_partition_config), or writes the whole table again (an unpartitioned
    table; its cost is in decision 0043).
  The rest is dbt-spark's, unchanged: a first build creates the table, `append` and
  `insert_overwrite` are dbt-spark's statements. A root project's materialization takes
  precedence over an adapter's of the same name (dbt's materialization lookup). Check this
  copy when upgrading dbt-spark. Databricks has its own (dbt-databricks), which this does
  not replace.
-#}
{% materialization incremental, adapter='spark', supported_languages=['sql'] -%}
  {%- set raw_file_format = config.get('file_format', default='parquet') -%}
  {%- set raw_strategy = config.get('incremental_strategy') or 'append' -%}
  {%- set grant_config = config.get('grants') -%}

  {%- set file_format = dbt_spark_validate_get_file_format(raw_file_format) -%}
  {%- if raw_strategy == 'delete+insert' -%}
    {%- set strategy = raw_strategy -%}
  {%- else -%}
    {%- set strategy = dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
  {%- endif -%}

  {%- set unique_key = config.get('unique_key', none) -%}
  {%- set partition_by = config.get('partition_by', none) -%}
  {%- set on_schema_change = incremental_validate_on_schema_change(config.get('on_schema_change'), default='ignore') -%}
  {%- set incremental_predicates = config.get('predicates', none) or config.get('incremental_predicates', none) -%}
  {%- set target_relation = this -%}
  {%- set existing_relation = load_relation(this) -%}
  {%- set tmp_relation = this.incorporate(path={"identifier": this.identifier ~ '__dbt_tmp'}).include(database=false, schema=false) -%}

  {#- every write to a partitioned table overwrites partitions (its hooks' deletes too:
      heap_connect.spark_partition_delete), which must replace only the partitions written -#}
  {%- if partition_by -%}
    {%- call statement() -%}
      set spark.sql.sources.partitionOverwriteMode = DYNAMIC
    {%- endcall -%}
  {%- endif -%}

  {{ run_hooks(pre_hooks) }}

  {%- if existing_relation is none -%}
    {%- call statement('main') -%}
      {{ create_table_as(False, target_relation, compiled_code) }}
    {%- endcall -%}
    {% do persist_constraints(target_relation, model) %}
  {%- elif existing_relation.is_view or should_full_refresh() -%}
    {#- built beside, then swapped in: the model's query may read the table it replaces -#}
    {%- set statements = heap_connect.replace_table_statements(target_relation, compiled_code) -%}
    {%- for sql in statements[:-1] -%}
      {%- call statement() -%}{{ sql }}{%- endcall -%}
    {%- endfor -%}
    {%- call statement('main') -%}{{ statements[-1] }}{%- endcall -%}
    {% do persist_constraints(target_relation, model) %}
  {%- else -%}
    {%- call statement('create_tmp_relation') -%}
      {{ create_table_as(True, tmp_relation, compiled_code) }}
    {%- endcall -%}
    {%- do process_schema_changes(on_schema_change, tmp_relation, existing_relation) -%}
    {%- if strategy == 'delete+insert' -%}
      {%- set statements = heap_connect.spark_upsert(tmp_relation, target_relation, unique_key, partition_by) -%}
    {%- else -%}
      {%- set statements = [dbt_spark_get_incremental_sql(strategy, tmp_relation, target_relation, existing_relation, unique_key, incremental_predicates)] -%}
    {%- endif -%}
    {%- call statement('main') -%}{{ statements[0] }}{%- endcall -%}
    {%- for sql in statements[1:] -%}
      {%- call statement() -%}{{ sql }}{%- endcall -%}
    {%- endfor -%}
  {%- endif -%}

  {% set should_revoke = should_revoke(existing_relation, full_refresh_mode) %}
  {% do apply_grants(target_relation, grant_config, should_revoke) %}
  {% do persist_docs(target_relation, model) %}

  {{ run_hooks(post_hooks) }}

  {{ return({'relations': [target_relation]}) }}
{%- endmaterialization %}

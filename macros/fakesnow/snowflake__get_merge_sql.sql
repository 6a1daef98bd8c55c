{#
  fakesnow only (HEAP_CONNECT_FAKESNOW=1, set by warehouses/fakesnow_dbt.py): dbt's merge with the
  inserted values qualified by DBT_INTERNAL_SOURCE.

  Why: dbt's default__get_merge_sql ends with `when not matched then insert ("ID", ...)
  values ("ID", ...)`. Snowflake resolves the unqualified values against the source; fakesnow
  hands the statement to DuckDB, which fails with `Ambiguous reference to column name "ID"`.
  Qualified values mean the same on Snowflake, so only the text differs.

  Copies, with that one change:
  - snowflake__get_merge_sql (dbt-snowflake 1.12.4, macros/materializations/incremental/merge.sql):
    a plain insert when there is no unique_key, otherwise the merge, wrapped in
    snowflake_dml_explicit_transaction (see snowflake_dml_explicit_transaction.sql);
  - default__get_merge_sql (dbt-adapters 1.24.5,
    global_project/macros/materializations/models/incremental/merge.sql).
  Off fakesnow it returns the adapter's own macro. Re-check both when upgrading dbt-snowflake
  or dbt-adapters.
#}
{% macro snowflake__get_merge_sql(target, source_sql, unique_key, dest_columns, incremental_predicates) -%}
  {%- if not heap_connect.on_stand_in('snowflake') -%}
    {{ return(dbt.snowflake__get_merge_sql(target, source_sql, unique_key, dest_columns, incremental_predicates)) }}
  {%- endif -%}

  {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
  {%- set sql_header = config.get('sql_header', none) -%}

  {%- set dml -%}
  {%- if unique_key is none -%}

    {{ sql_header if sql_header is not none }}

    insert into {{ target }} ({{ dest_cols_csv }})
    (
        select {{ dest_cols_csv }}
        from {{ source_sql }}
    )

  {%- else -%}
    {%- set predicates = [] if incremental_predicates is none else [] + incremental_predicates -%}
    {%- set merge_update_columns = config.get('merge_update_columns') -%}
    {%- set merge_exclude_columns = config.get('merge_exclude_columns') -%}
    {%- set update_columns = get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}

    {%- if unique_key is sequence and unique_key is not mapping and unique_key is not string -%}
      {%- for key in unique_key -%}
        {%- do predicates.append("DBT_INTERNAL_SOURCE." ~ key ~ " = DBT_INTERNAL_DEST." ~ key) -%}
      {%- endfor -%}
    {%- else -%}
      {%- set source_unique_key = ("DBT_INTERNAL_SOURCE." ~ unique_key) | trim -%}
      {%- set target_unique_key = ("DBT_INTERNAL_DEST." ~ unique_key) | trim -%}
      {%- do predicates.append(get_merge_unique_key_match(source_unique_key, target_unique_key)) -%}
    {%- endif -%}

    {{ sql_header if sql_header is not none }}

    merge into {{ target }} as DBT_INTERNAL_DEST
        using {{ source_sql }} as DBT_INTERNAL_SOURCE
        on {{ "(" ~ predicates | join(") and (") ~ ")" }}

    when matched then update set
        {% for column_name in update_columns -%}
            {{ column_name }} = DBT_INTERNAL_SOURCE.{{ column_name }}
            {%- if not loop.last %}, {%- endif %}
        {%- endfor %}

    when not matched then insert
        ({{ dest_cols_csv }})
    values
        ({% for column in dest_columns -%}
            DBT_INTERNAL_SOURCE.{{ adapter.quote(column.name) }}
            {%- if not loop.last %}, {% endif %}
        {%- endfor %})

  {%- endif -%}
  {%- endset -%}

  {{ return(snowflake_dml_explicit_transaction(dml)) }}
{%- endmacro %}

{#- True when this sync's user deletions removed rows from `relation`
    (_deleted_users rows applied at this sync's start that name it). -#}
{% macro rows_deleted_this_sync(relation) -%}
  {%- set deleted = heap_connect.internal_relation('_deleted_users') -%}
  {%- if adapter.get_relation(database=deleted.database, schema=deleted.schema, identifier=deleted.identifier) is none -%}
    {{ return(false) }}
  {%- endif -%}
  {%- set rows = run_query('select count(*) from ' ~ deleted ~ ' where applied_at = '
      ~ heap_connect.timestamp_literal(run_started_at) ~ ' and table_name = '
      ~ heap_connect.sql_string(relation.schema ~ '.' ~ relation.identifier)).rows -%}
  {{ return(rows[0][0] > 0) }}
{%- endmacro %}

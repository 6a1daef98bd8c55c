{#- True when a raw table (heap_raw events, identifies, user_properties) holds a row of a
    deleted user (_deleted_users): one that arrived after its user was deleted. The staging
    views leave it out (heap_connect.not_deleted_user), so it counts as nothing new there,
    but a sync must still delete it from the raw table and count it
    (heap_connect.apply_user_deletions): heap_connect.nothing_to_read is false then.
    False when _deleted_users does not exist. -#}
{% macro deleted_user_rows_arrived() -%}
  {%- set deleted = heap_connect.internal_relation('_deleted_users') -%}
  {%- if adapter.get_relation(database=deleted.database, schema=deleted.schema, identifier=deleted.identifier) is none -%}
    {{ return(false) }}
  {%- endif -%}
  {%- set reads = [] -%}
  {%- for name in ['events', 'identifies', 'user_properties'] -%}
    {%- set relation = heap_connect.heap_raw_relation(name) -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
      {%- do reads.append('select user_id from ' ~ relation) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if not reads -%}{{ return(false) }}{%- endif -%}
  {%- set arrived -%}
    select count(*) from ({{ reads | join(' union all ') }}) as raw_rows
    where exists (
        select 1 from {{ deleted }} as heap_deleted
        where heap_deleted.user_id = cast(raw_rows.user_id as {{ dbt.type_bigint() }})
    )
  {%- endset -%}
  {{ return(run_query(arrived).rows[0][0] > 0) }}
{%- endmacro %}

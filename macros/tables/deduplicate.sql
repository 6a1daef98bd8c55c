{#-
  The rows of `relation` (filtered by `where`, a condition on its columns, when given)
  with one row per `partition_by`: the first by `order_by`. Columns are listed explicitly
  (a window rank column must not reach the output), read from the relation when the model
  runs.
-#}
{% macro deduplicate(relation, partition_by, order_by, where=none) -%}
  {%- set columns = adapter.get_columns_in_relation(relation) if execute and not heap_connect.is_offline() else [] -%}
  select
    {%- for column in columns %}
    {{ adapter.quote(column.name) }}{% if not loop.last %},{% endif %}
    {%- else %}
    *
    {%- endfor %}
  from (
    select
      ranked_source.*,
      row_number() over (partition by {{ partition_by }} order by {{ order_by }}) as heap_dedup_rank
    from {{ relation }} as ranked_source
    {%- if where %}
    where {{ where }}
    {%- endif %}
  ) as ranked
  where heap_dedup_rank = 1
{%- endmacro %}

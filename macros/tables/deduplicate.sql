{#-
  The rows of `relation` (filtered by `where`, a condition on its columns, when given)
  with one row per `partition_by`: the first by `order_by`. Columns are listed explicitly
  (a window rank column must not reach the output), read from the relation when the model
  runs.

  When `partition_by` is one column, only the rows whose key occurs more than once (or is
  null) go through the window; the others are taken as they are. Same rows, but a window
  over every wide row (tens of millions of events, ~50 columns) cost twice the time of the
  whole rest of int_events (docs/decisions/0015-benchmarks.md).
-#}
{% macro deduplicate(relation, partition_by, order_by, where=none) -%}
  {%- set columns = adapter.get_columns_in_relation(relation) if execute and not heap_connect.is_offline() else [] -%}
  {%- set column_list -%}
    {%- for column in columns %}
    {{ adapter.quote(column.name) }}{% if not loop.last %},{% endif %}
    {%- else %}
    *
    {%- endfor %}
  {%- endset -%}
  {%- set single_key = ',' not in partition_by and '(' not in partition_by -%}
  {%- if single_key %}
  {%- set key_counts -%}
    select {{ partition_by }} from {{ relation }}
    {%- if where %} where {{ where }}{% endif %}
    group by {{ partition_by }}
  {%- endset %}
  select {{ column_list }}
  from {{ relation }} as single_source
  where {% if where %}({{ where }}) and {% endif %}{{ partition_by }} in (
    {{ key_counts }} having count(*) = 1
  )
  union all
  {%- endif %}
  select {{ column_list }}
  from (
    select
      ranked_source.*,
      row_number() over (partition by {{ partition_by }} order by {{ order_by }}) as heap_dedup_rank
    from {{ relation }} as ranked_source
    {%- if where or single_key %}
    where {% if where %}({{ where }}){% endif %}
    {%- if single_key %}{% if where %} and {% endif %}({{ partition_by }} is null or {{ partition_by }} in (
      {{ key_counts }} having count(*) > 1
    )){% endif %}
    {%- endif %}
  ) as ranked
  where heap_dedup_rank = 1
{%- endmacro %}

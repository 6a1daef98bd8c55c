{#- The partition column(s) of heap_connect.batch_partition_config's partitioning, to add at
    the end of the model's select: `, <expr> as heap_day` on Spark, nothing elsewhere.
    `carried`: `alias` already has the column (a subquery that computed it), which is passed on. -#}
{% macro batch_partition_columns(kind, alias, carried=false) -%}
  {{ return(adapter.dispatch('batch_partition_columns', 'heap_connect')(kind, alias, carried)) }}
{%- endmacro %}

{% macro default__batch_partition_columns(kind, alias, carried=false) -%}
{%- endmacro %}

{#- the column's name is the one batch_partition_config partitions by -#}
{% macro spark__batch_partition_columns(kind, alias, carried=false) -%}
  {%- set name = heap_connect.batch_partition_config(kind)['partition_by'][0] -%}
  {%- if carried -%}
  , {{ alias }}.{{ name }}
  {%- else -%}
  , cast({{ alias }}.{{ heap_connect.quote_column('time') }} as date) as {{ name }}
  {%- endif -%}
{%- endmacro %}

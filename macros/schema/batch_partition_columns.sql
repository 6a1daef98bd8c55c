{#- The partition column(s) of heap_connect.batch_partition_config's partitioning, to add at
    the end of the model's select: `, <expr> as heap_day` on Spark, nothing elsewhere. -#}
{% macro batch_partition_columns(kind, alias) -%}
  {{ return(adapter.dispatch('batch_partition_columns', 'heap_connect')(kind, alias)) }}
{%- endmacro %}

{% macro default__batch_partition_columns(kind, alias) -%}
{%- endmacro %}

{#- the column's name is the one batch_partition_config partitions by -#}
{% macro spark__batch_partition_columns(kind, alias) -%}
  , cast({{ alias }}.{{ heap_connect.quote_column('time') }} as date) as {{ heap_connect.batch_partition_config(kind)['partition_by'][0] }}
{%- endmacro %}

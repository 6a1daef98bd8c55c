{#- The incremental strategy that inserts the model's rows as they are (deletes, where a
    model needs them, run in its pre-hook): `append`; BigQuery's `merge` without a
    unique_key inserts every row.
    https://docs.getdbt.com/docs/build/incremental-strategy -#}
{% macro append_strategy() -%}
  {{ return(adapter.dispatch('append_strategy', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__append_strategy() -%}
  {{ return('append') }}
{%- endmacro %}

{% macro bigquery__append_strategy() -%}
  {{ return('merge') }}
{%- endmacro %}

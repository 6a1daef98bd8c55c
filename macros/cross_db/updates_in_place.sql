{#- Whether the warehouse updates a table's rows in place (UPDATE, MERGE): then a sync moves
    the rows of events that only changed user (an identify) to their new user id with one
    update per table (heap_connect.move_user_ids), instead of deleting and inserting them
    again (10M events, 5% of users merged: 1.4 s against 11.9 s, decision 0015). Spark's
    parquet tables take no UPDATE: each update would write the table again, on top of the
    rewrite its delete already costs, so there those rows are deleted and inserted with the
    rest of the batch (int_event_batch's `rows_rewritten`). -#}
{% macro updates_in_place() -%}
  {{ return(adapter.dispatch('updates_in_place', 'heap_connect')()) }}
{%- endmacro %}

{% macro default__updates_in_place() -%}
  {{ return(true) }}
{%- endmacro %}

{% macro spark__updates_in_place() -%}
  {{ return(false) }}
{%- endmacro %}

{# Databricks: Delta tables take MERGE (and dbt-databricks would dispatch to the Spark form). #}
{% macro databricks__updates_in_place() -%}
  {{ return(true) }}
{%- endmacro %}

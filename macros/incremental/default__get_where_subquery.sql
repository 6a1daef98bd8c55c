{#-
  Overrides dbt's default__get_where_subquery (dbt-adapters, global_project/macros/
  materializations/tests/where_subquery.sql; heap_connect comes first in the `dbt` dispatch
  search order): a generic test's `where` config may name `__heap_connect_batch__`, which
  becomes, when the test runs, the rows the tested model's batch wrote this sync
  (heap_connect.batch_scope), or nothing (the whole table) after a build from all history.
  dbt renders a test's config when it parses the project, so the batch is known only here.
  https://docs.getdbt.com/reference/resource-configs/where#custom-logic
-#}
{% macro default__get_where_subquery(relation) -%}
  {%- set where = config.get('where', '') or '' -%}
  {%- if '__heap_connect_batch__' in where -%}
    {%- set test_name = model.test_metadata.name if model.test_metadata else none -%}
    {%- set scope = heap_connect.batch_scope(model.attached_node, relation, test_name, model.column_name) -%}
    {%- set where = where | replace('__heap_connect_batch__', scope or '1 = 1') -%}
    {%- if where | trim == '1 = 1' -%}{{ return(relation) }}{%- endif -%}
  {%- endif -%}
  {%- if where -%}
    {{ return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') }}
  {%- endif -%}
  {{ return(relation) }}
{%- endmacro %}

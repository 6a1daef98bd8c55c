{#-
  The condition a data test of the model `unique_id` runs under this invocation, or none
  (the whole table). A model that declares its batch (config meta `heap_batch`: `key`, the
  relation `from` of the internal schema that lists the batch's keys, with `where`, a fixed
  condition on it, or `written`, a column stamped with the sync's start) and was built from
  its batch by this invocation (its node's cache, heap_connect.node_cache: no rebuild reason,
  no column reorder, no --full-refresh) is checked on the rows of its batch's keys only; a
  `unique` test of another column on every row sharing a value with those rows, so a batch
  row that repeats an older one's value fails it. A model built from all history, or not
  built by this invocation (`dbt test`), is checked whole. See heap_connect's
  get_where_subquery: a test asks for this with `where: __heap_connect_batch__`.
-#}
{% macro batch_scope(unique_id, relation, test_name=none, column_name=none) -%}
  {%- if not execute or flags.FULL_REFRESH or unique_id not in graph.nodes -%}{{ return(none) }}{%- endif -%}
  {%- set spec = graph.nodes[unique_id].config.meta.get('heap_batch') -%}
  {%- set built = heap_connect.invocation_cache().get('nodes', {}).get(unique_id) -%}
  {%- if not spec or built is none or 'rebuild_reason' not in built or built['rebuild_reason'] is not none
      or built.get('column_order_change') is not none -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set key = spec['key'] -%}
  {%- set batch = api.Relation.create(database=heap_connect.target_database(), schema=heap_connect.internal_schema(), identifier=spec['from']) -%}
  {%- set where = spec.get('where') or (spec['written'] ~ ' = ' ~ heap_connect.timestamp_literal(run_started_at) if spec.get('written') else '1 = 1') -%}
  {%- set scope = key ~ ' in (select ' ~ key ~ ' from ' ~ batch ~ ' where ' ~ where ~ ')' -%}
  {%- if test_name == 'unique' and column_name and column_name != key -%}
    {%- set scope = column_name ~ ' in (select ' ~ column_name ~ ' from ' ~ relation ~ ' where ' ~ scope ~ ')' -%}
  {%- endif -%}
  {{ return(scope) }}
{%- endmacro %}

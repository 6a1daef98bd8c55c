{#-
  Post-hooks (`step` delete, then insert) of the model that reads the raw table `source`:
  records in _heap_raw_arrivals the per-day counts it took before reading
  (heap_connect.raw_arrivals with `cache_key` = `source`), in the model's transaction where
  the warehouse has one. Where it has none (BigQuery) and the sync stops between the model
  and this hook, the ledger keeps the previous counts and the next sync reads those days
  again, which finds nothing new twice. Fails when the model did not take the counts: a
  count taken now, after the read, could hide a row written meanwhile.
-#}
{% macro record_raw_arrivals(source, step) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return('') }}{%- endif -%}
  {%- set ledger = heap_connect.internal_relation('_heap_raw_arrivals') -%}
  {%- set cache = heap_connect.node_cache() -%}
  {%- if source not in cache -%}
    {{ exceptions.raise_compiler_error('record_raw_arrivals: ' ~ model.name ~ ' took no raw_arrivals of ' ~ source) }}
  {%- endif -%}
  {%- if step == 'delete' -%}
  {{ heap_connect.delete_where(ledger, 'source = ' ~ heap_connect.sql_string(source)) }}
  {%- elif cache[source] -%}
  insert into {{ ledger }} (source, loaded_day, row_count, id_sum)
  {%- for arrival in cache[source] %}
  select {{ heap_connect.sql_string(source) }},
    {{ heap_connect.timestamp_literal(arrival['day']) if arrival['day'] is not none else 'cast(null as ' ~ dbt.type_timestamp() ~ ')' }},
    {{ arrival['row_count'] }}, {{ arrival['id_sum'] }}
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
  {%- endif -%}
{%- endmacro %}

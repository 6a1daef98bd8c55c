{#-
  How many rows of a raw table (`relation`: its staging view) were loaded on each day of
  `loaded_at`, with a checksum of their `id_column`: a list of {day, row_count, id_sum,
  missing_ids}, `day` none for rows with no loaded_at. One scan of two columns.

  This is how a sync finds what is new in the raw tables without trusting `loaded_at` to
  grow (docs/decisions/0017-arrival-ledger.md): the raw tables are only appended to, so a
  day whose count and checksum equal the ones recorded at the last sync
  (_heap_raw_arrivals, heap_connect.record_raw_arrivals) holds no row that sync did not
  read, and only the days that differ are read again, whatever `loaded_at` their rows carry.

  `cache_key`: when given, the answer is kept in the node's cache (heap_connect.node_cache)
  and given again at every later ask within the node, so that the counts a model records in
  its post-hook are the ones taken before it read the raw rows (counts taken after the read
  could include a row a loader wrote meanwhile, which would then never be read).
-#}
{% macro raw_arrivals(relation, id_column, cache_key=none) -%}
  {%- if not execute or heap_connect.is_offline() -%}{{ return([]) }}{%- endif -%}
  {%- set cache = heap_connect.node_cache() if cache_key else {} -%}
  {%- if cache_key and cache_key in cache -%}{{ return(cache[cache_key]) }}{%- endif -%}
  {%- set day = dbt.date_trunc('day', 'loaded_at') -%}
  {%- set counts -%}
    select
        {{ day }} as loaded_day,
        count(*) as row_count,
        coalesce(sum(mod({{ id_column }}, 1000000007)), 0) as id_sum,
        count(*) - count({{ id_column }}) as missing_ids
    from {{ relation }}
    group by {{ day }}
  {%- endset -%}
  {%- set arrivals = [] -%}
  {%- for row in run_query(counts).rows -%}
    {%- do arrivals.append({'day': row[0], 'row_count': row[1] | int, 'id_sum': row[2] | int, 'missing_ids': row[3] | int}) -%}
  {%- endfor -%}
  {%- if cache_key -%}{%- do cache.update({cache_key: arrivals}) -%}{%- endif -%}
  {{ return(arrivals) }}
{%- endmacro %}

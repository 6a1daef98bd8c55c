{#-
  The days of `arrivals` (heap_connect.raw_arrivals of the raw table `source`) whose count or
  checksum differs from the one _heap_raw_arrivals recorded for `source` at the last sync
  that read it: the days that may hold rows no sync has read (a day that is new, or that a
  loader wrote to since). Sorted, none (rows with no loaded_at) last. Every day while
  nothing is recorded (the first sync, or the first after an upgrade from a version that
  kept no ledger: it then reads every raw row again, and takes those a watermark lost).
-#}
{% macro unread_arrival_days(source, arrivals) -%}
  {%- set ledger = heap_connect.internal_relation('_heap_raw_arrivals') -%}
  {%- set recorded = {} -%}
  {%- if adapter.get_relation(database=ledger.database, schema=ledger.schema, identifier=ledger.identifier) is not none -%}
    {%- for row in run_query('select loaded_day, row_count, id_sum from ' ~ ledger
        ~ ' where source = ' ~ heap_connect.sql_string(source)).rows -%}
      {%- do recorded.update({row[0]: (row[1] | int, row[2] | int)}) -%}
    {%- endfor -%}
  {%- endif -%}
  {%- set days = [] -%}
  {%- for arrival in arrivals if recorded.get(arrival['day']) != (arrival['row_count'], arrival['id_sum']) -%}
    {%- do days.append(arrival['day']) -%}
  {%- endfor -%}
  {%- set dated = days | reject('none') | sort -%}
  {{ return(dated + ([none] if none in days else [])) }}
{%- endmacro %}

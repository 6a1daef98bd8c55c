{#- True when `heapgen delete-users` recorded requests that no sync has applied yet
    (_heap_deletion_requests is not empty); false when the table does not exist. -#}
{% macro deletion_requests_pending() -%}
  {%- set requests = heap_connect.internal_relation('_heap_deletion_requests') -%}
  {%- if adapter.get_relation(database=requests.database, schema=requests.schema, identifier=requests.identifier) is none -%}
    {{ return(false) }}
  {%- endif -%}
  {{ return(run_query('select count(*) from ' ~ requests).rows[0][0] > 0) }}
{%- endmacro %}

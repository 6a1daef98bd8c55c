{#- Why a table built from state `held` is rebuilt for state `wanted`, or none when it takes
    the batch: an archived table stays frozen, an un-archived one is rebuilt, else the first
    part that differs (its definition, its defined properties, its logic).
    heapgen.contract.state_change decides the same for `heapgen plan`. -#}
{% macro state_change(held, wanted) -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- if held == wanted or wanted == contract['state_archived'] -%}{{ return(none) }}{%- endif -%}
  {%- if held == contract['state_archived'] -%}{{ return(contract['reasons']['un_archived']) }}{%- endif -%}
  {%- set before, now = heap_connect.state_parts(held), heap_connect.state_parts(wanted) -%}
  {%- if before['own'] != now['own'] -%}{{ return(contract['reasons']['definition_changed']) }}{%- endif -%}
  {%- if before['properties'] != now['properties'] -%}{{ return(contract['reasons']['properties_changed']) }}{%- endif -%}
  {{ return(contract['reasons']['logic_changed']) }}
{%- endmacro %}

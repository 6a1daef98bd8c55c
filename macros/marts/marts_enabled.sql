{#- True when the opt-in marts are turned on (var heap_connect__marts, default false): the
    config `enabled` of their models (models/heap_connect_marts) and of their seed. -#}
{% macro marts_enabled() -%}
  {{ return(var('heap_connect__marts', false) in (true, 'true', 'True', 1, '1')) }}
{%- endmacro %}

{#- The post-hooks of a model with a user ledger (sync policy `user_ledger`: `users`,
    users_enhanced, named `model_name`): record the identifies and user properties it took in
    as <model_name>_identifies and <model_name>_user_properties
    (heap_connect.record_raw_arrivals, delete then insert, in its transaction), from the
    counts it took with heap_connect.users_arrivals. -#}
{% macro user_ledger_hooks(model_name) -%}
  {%- set hooks = [] -%}
  {%- for source in ('identifies', 'user_properties') -%}
    {%- for step in ('delete', 'insert') -%}
      {%- do hooks.append("{{ heap_connect.record_raw_arrivals('" ~ model_name ~ "_" ~ source ~ "', '" ~ step ~ "') }}") -%}
    {%- endfor -%}
  {%- endfor -%}
  {{ return(hooks) }}
{%- endmacro %}

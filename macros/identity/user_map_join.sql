{#- The join that gives an output query its migrated user ids: the user map as `map_alias`,
    matched on `user_id_expr`. Pair with heap_connect.resolved_user_id. -#}
{% macro user_map_join(user_id_expr, map_alias='m') -%}
  left join {{ ref('int_user_map') }} as {{ map_alias }}
    on {{ map_alias }}.from_user_id = {{ user_id_expr }}
{%- endmacro %}

{#- The user id a row belongs to after migrations: the final owner when `user_id_expr` was
    migrated (heap_connect.user_map_join as `map_alias`), else itself. -#}
{% macro resolved_user_id(user_id_expr, map_alias='m') -%}
  coalesce({{ map_alias }}.to_user_id, {{ user_id_expr }})
{%- endmacro %}

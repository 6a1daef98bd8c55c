{#- The condition that keeps the rows of user id `user_id_expr` that `users` (or
    users_enhanced) reads this sync:
    all of them when it is built from all history (`from_batch` false), else those of the
    users of its batch (heap_connect.users_batch_ids). -#}
{% macro users_batch_filter(user_id_expr, from_batch) -%}
  {{- (user_id_expr ~ ' in (' ~ heap_connect.users_batch_ids() ~ ')') if from_batch else '1 = 1' -}}
{%- endmacro %}

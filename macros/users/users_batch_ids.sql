{#- The raw user ids whose rows `users` reads when it takes its batch: the users of
    int_user_batch and every user id merged into one of them (int_user_map). A query of one
    column, user_id. -#}
{% macro users_batch_ids() -%}
  select user_id from {{ ref('int_user_batch') }}
  union all
  select from_user_id from {{ ref('int_user_map') }}
  where to_user_id in (select user_id from {{ ref('int_user_batch') }})
{%- endmacro %}

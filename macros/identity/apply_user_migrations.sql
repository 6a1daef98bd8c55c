{#-
  Moves the rows of `relation` that still carry a migrated user id to the user it now
  belongs to (int_user_map), in place (heap_connect.move_user_ids). Output tables are built
  with migrations applied, and a sync moves the rows of users whose migration changed; this
  is for a table written otherwise, before a migration that moves its rows arrived.
  Applying it twice changes nothing. Returns the SQL; run it with run_query or as a post-hook.
-#}
{% macro apply_user_migrations(relation, user_map=none) -%}
  {{ return(heap_connect.move_user_ids(relation, 'user_id',
      'select from_user_id as moved_key, to_user_id as moved_user_id from ' ~ (user_map or ref('int_user_map')))) }}
{%- endmacro %}

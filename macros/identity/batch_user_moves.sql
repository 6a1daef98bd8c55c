{#- The rows (`moved_key`, `moved_user_id`; heap_connect.move_user_ids) that move the rows of
    the batch's events that only changed user (int_event_batch: not `rows_rewritten`) to the
    user they belong to now: `source` (the name of int_event_batch, read once, or of
    int_sessions for a table keyed by session) at those events' `key` (event_id,
    session_id), its user_id resolved (heap_connect.resolved_user_id). -#}
{% macro batch_user_moves(key, source) -%}
  {%- set batch = ref('int_event_batch') -%}
  select
    moved.{{ key }} as moved_key,
    {{ heap_connect.resolved_user_id('moved.user_id') }} as moved_user_id
  from {{ ref(source) }} as moved
  {{ heap_connect.user_map_join('moved.user_id') }}
  {%- if source == 'int_event_batch' %}
  where not moved.rows_rewritten
  {%- else %}
  where moved.{{ key }} in (select {{ key }} from {{ batch }} where not rows_rewritten)
  {%- endif %}
{%- endmacro %}

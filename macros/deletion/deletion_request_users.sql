{#-
  The user ids the deletion requests in `requests` (_heap_deletion_requests) cover, with the
  time each was requested: the user id asked for, or each user id that heap_raw.identifies
  or int_identifies shows identified with the identity asked for; then the user each of
  those was merged into (int_user_map, as the last sync left it), and every user id merged
  into that one. A deleted user is the whole person: all its merged ids.
-#}
{% macro deletion_request_users(requests) -%}
  {%- set raw_identifies = heap_connect.heap_raw_relation('identifies') -%}
  {%- set identifies = [] -%}
  {%- for relation in [raw_identifies, heap_connect.internal_relation('int_identifies')]
      if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none -%}
    {%- do identifies.append('select cast(user_id as ' ~ dbt.type_bigint() ~ ') as user_id, cast(identity as '
        ~ dbt.type_string() ~ ') as identity from ' ~ relation) -%}
  {%- endfor -%}
  {%- set user_map = heap_connect.internal_relation('int_user_map') -%}
  {%- set has_map = adapter.get_relation(database=user_map.database, schema=user_map.schema, identifier=user_map.identifier) is not none -%}
  with asked as (
      select user_id, requested_at from {{ requests }} where user_id is not null
      {%- if identifies %}
      union all
      select identified.user_id, requests.requested_at
      from {{ requests }} as requests
      inner join ({{ identifies | join(' union all ') }}) as identified
          on identified.identity = requests.identity
      {%- endif %}
  ),

  owners as (
      {%- if has_map %}
      select coalesce(user_map.to_user_id, asked.user_id) as user_id, asked.requested_at
      from asked
      left join {{ user_map }} as user_map on user_map.from_user_id = asked.user_id
      {%- else %}
      select user_id, requested_at from asked
      {%- endif %}
  )

  select user_id, requested_at from owners
  {%- if has_map %}
  union all
  select user_map.from_user_id, owners.requested_at
  from owners
  inner join {{ user_map }} as user_map on user_map.to_user_id = owners.user_id
  {%- endif %}
{%- endmacro %}

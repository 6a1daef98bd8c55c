{#-
  Every migrated user_id with the user it finally belongs to: chains (A -> B, B -> C) are
  followed to their end (A -> C, B -> C) by a recursive walk over `migrations` (from_user_id,
  to_user_id, time). A cycle, or a chain longer than var('heap_connect__max_migration_chain'),
  fails the model with an error naming the user ids, so no table downstream changes.
-#}
{% macro resolve_user_migrations(migrations) -%}
  {%- set max_steps = var('heap_connect__max_migration_chain') | int -%}
  {%- set walk -%}
    with recursive {{ heap_connect.recursive_cte_name('walk', ['from_user_id', 'to_user_id', 'steps']) }} as (
        select from_user_id, to_user_id, 1 as steps
        from {{ migrations }}
        union all
        select walk.from_user_id, edges.to_user_id, walk.steps + 1
        from walk
        inner join {{ migrations }} as edges
            on edges.from_user_id = walk.to_user_id
        where walk.steps < {{ max_steps }}
            and walk.to_user_id <> walk.from_user_id
    )
  {%- endset -%}
  {%- if execute and not heap_connect.is_offline() -%}
    {%- set stuck = run_query(walk ~ "
      select from_user_id, to_user_id, steps from walk
      where to_user_id = from_user_id or steps >= " ~ max_steps ~ "
      order by from_user_id, steps") -%}
    {%- if stuck.rows | length > 0 -%}
      {%- set cycles = [] -%}
      {%- for row in stuck.rows if row[1] == row[0] -%}
        {%- do cycles.append(row[0] | string) -%}
      {%- endfor -%}
      {%- if cycles -%}
        {{ exceptions.raise_compiler_error("user migration cycle: users " ~ (cycles | unique | join(', ')) ~ " are identified into each other (heap_raw.identifies); fix the identities, then sync again") }}
      {%- else -%}
        {{ exceptions.raise_compiler_error("user migration chain longer than " ~ max_steps ~ " steps from user " ~ stuck.rows[0][0] ~ " (var heap_connect__max_migration_chain)") }}
      {%- endif -%}
    {%- endif -%}
  {%- endif -%}
  {{ walk }}
  select
      direct.from_user_id,
      final.to_user_id,
      direct.{{ heap_connect.quote_column('time') }}
  from {{ migrations }} as direct
  inner join (
      select from_user_id, to_user_id
      from (
          select
              from_user_id,
              to_user_id,
              row_number() over (partition by from_user_id order by steps desc) as step_rank
          from walk
      ) as ranked
      where step_rank = 1
  ) as final
      on final.from_user_id = direct.from_user_id
{%- endmacro %}

{#-
  The tag-once pass: every event (never a `session` event) is classified against all
  `labels` in one scan of the events, giving one row (event_id, label_id) per label it
  matches. Event tables read these rows instead of scanning the raw events per label.
  `labels`: [{label_id, criteria}] (heap_connect.synced_labels()).
-#}
{% macro tag_events(labels, events_relation, sessions_relation) -%}
  {%- if labels | length == 0 %}
  select
    cast(null as {{ dbt.type_bigint() }}) as event_id,
    cast(null as {{ dbt.type_string() }}) as label_id
  where 1 = 0
  {%- else %}
  {%- set flags = [] %}
  {%- for label in labels %}{% do flags.append((label['label_id'], 'label_' ~ loop.index)) %}{% endfor %}
  with classified as (
    select
      e.event_id
      {%- for label in labels %},
      {{ heap_connect.label_condition(label, 'e', 's') }} as label_{{ loop.index }}
      {%- endfor %}
    from {{ events_relation }} as e
    left join {{ sessions_relation }} as s
      on s.session_id = e.session_id
    where e.{{ heap_connect.quote_column('type') }} <> 'session'
  )
  select
    classified.event_id,
    cast(tagged.label_id as {{ dbt.type_string() }}) as label_id
  from classified
  {{ heap_connect.label_unpivot('classified', flags) }}
  where tagged.matched
  {%- endif %}
{%- endmacro %}

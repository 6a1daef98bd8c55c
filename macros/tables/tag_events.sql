{#-
  The tag-once pass: every event (never a `session` event) is classified against all
  `labels`, giving one row (event_id, label_id) per label it matches. Event tables read
  these rows instead of scanning the raw events per label. `labels`: [{label_id, criteria}]
  (heap_connect.synced_labels()).

  Labels are grouped by their gate (heap_connect.criterion_gate: library, raw type, custom
  flag; a label of several criteria has the OR of theirs, one without a gate has none), and
  each group classifies only the events its gate holds for: a click is never tested against
  the page-view labels. The gate only narrows the rows; each label's whole condition
  (heap_connect.label_condition, which implies its gate) decides. Real projects have a
  handful of gates (Heap's event types), so at 1,000 labels an event meets a few hundred
  conditions, not 1,000 (decision 0015).
-#}
{% macro tag_events(labels, events_relation, sessions_relation) -%}
  {%- if labels | length == 0 %}
  select
    cast(null as {{ dbt.type_bigint() }}) as event_id,
    cast(null as {{ dbt.type_string() }}) as label_id
    {{- heap_connect.batch_partition_columns('event_day', 'e') }}
  from {{ events_relation }} as e
  where 1 = 0
  {%- else %}
  {%- set groups = {} %}
  {%- for label in labels %}
    {%- set gates = [] %}
    {%- for criterion in label['criteria'] %}
      {%- set gate = heap_connect.criterion_gate(criterion, 'e') | join(' and ') %}
      {%- if gate not in gates %}{% do gates.append(gate) %}{% endif %}
    {%- endfor %}
    {%- set key = '' if '' in gates else '(' ~ gates | join(') or (') ~ ')' %}
    {%- do groups.setdefault(key, []).append(label) %}
  {%- endfor %}
  {%- for gate, members in groups.items() %}
  {%- set flags = [] %}
  {%- for label in members %}{% do flags.append((label['label_id'], 'label_' ~ loop.index)) %}{% endfor %}
  select
    classified.event_id,
    cast(tagged.label_id as {{ dbt.type_string() }}) as label_id
    {{- heap_connect.batch_partition_columns('event_day', 'classified', carried=true) }}
  from (
    select
      e.event_id
      {{- heap_connect.batch_partition_columns('event_day', 'e') }}
      {%- for label in members %},
      {{ heap_connect.label_condition(label, 'e', 's') }} as label_{{ loop.index }}
      {%- endfor %}
    from {{ events_relation }} as e
    left join {{ sessions_relation }} as s
      on s.session_id = e.session_id
    where e.{{ heap_connect.quote_column('type') }} <> 'session'
    {%- if gate %}
      and ({{ gate }})
    {%- endif %}
  ) as classified
  {{ heap_connect.label_unpivot('classified', flags) }}
  where tagged.matched
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
  {%- endif %}
{%- endmacro %}

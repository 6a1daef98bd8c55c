{#-
  How a sync treats an incremental model (`node`: a graph node; default the current
  model), as its config declares it (meta heap_state), with the defaults filled in:
  - from: what its state is built from besides its logic (heap_connect.model_state_hash):
    `labels` (the synced labels and their hashes), `event_properties`,
    `user_properties` (the defined properties of that scope); default none;
  - reads: `batch` (default: it takes this sync's batch, and its sync state's watermark
    counts in where the batch starts, heap_connect.batch_start) or `raw` (int_events: it
    reads the raw tables by the arrival ledger and stamps what it writes, so it holds no
    watermark of its own, and with no sync state it reads on from the rows it holds);
  - rebuilt_by: `state` (default: any change of its state rebuilds it) or `logic` (only a
    change of its logic: int_events_labeled tags a new or edited label again instead);
  - property_columns: `user` when it carries the user property columns (users: a value its
    column's type cannot hold, or rows of deleted users, rebuild it; a new column can
    reorder it, heap_connect.model_column_order_change); default none;
  - copies: the output table whose every column it copies (an opt-in mart, `users` or
    `sessions`: heap_connect.mart_layout); its table is rebuilt when it no longer has those
    columns in that order with those types (heap_connect.copied_columns_change); default none;
  - user_ledger: true when it records the identifies and user properties it has taken in
    (the arrival ledger as <model>_identifies and <model>_user_properties: users,
    users_enhanced), so int_user_batch takes the users of every day one of them has not
    recorded; default false.
-#}
{% macro sync_policy(node=none) -%}
  {%- set declared = (node or model).config.meta.get('heap_state', {}) -%}
  {{ return({
      'from': declared.get('from', []),
      'reads': declared.get('reads', 'batch'),
      'rebuilt_by': declared.get('rebuilt_by', 'state'),
      'property_columns': declared.get('property_columns'),
      'copies': declared.get('copies'),
      'user_ledger': declared.get('user_ledger', false),
  }) }}
{%- endmacro %}

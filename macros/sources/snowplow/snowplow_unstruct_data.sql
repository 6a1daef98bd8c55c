{#-
  The `data` object of a row's self-describing event (a link click's targetUrl, elementId ...;
  a custom event's fields), as raw JSON of the warehouse's type (heap_connect.null_json), null
  for other events. Where the loader put it depends on the layout (settings['unstruct'],
  heapgen.definitions.SNOWPLOW_LAYOUTS; docs/sources/snowplow.md):
  - json: the enriched event's `unstruct_event` (in the warehouse's JSON type, as heapgen load
    and warehouses/warehouse_tables.py write it), self-describing JSON whose data is
    self-describing JSON too: its data's data.
  - columns: one column per schema, named `unstruct_event_<vendor>_<name>_<version>`; the
    table's columns are read from the warehouse as the model compiles (offline, with no
    warehouse to ask: the link click's column, so that the form compiles); a row has at most
    one non-null, read by heap_connect.snowplow_unstruct_column.
  - none (Redshift's and PostgreSQL's shredded tables): not read.
-#}
{% macro snowplow_unstruct_data(relation, settings) -%}
  {%- if settings['unstruct'] == 'json' -%}
    {{ heap_connect.json_extract_json(heap_connect.json_extract_json('unstruct_event', 'data'), 'data') }}
  {%- elif settings['unstruct'] == 'columns' -%}
    {%- if execute and not heap_connect.is_offline() -%}
      {%- set names = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
    {%- else -%}
      {%- set names = [settings['unstruct_prefix'] ~ 'com_snowplowanalytics_snowplow_link_click_1'] -%}
    {%- endif -%}
    {%- set columns = [] -%}
    {#- a column name is used only when it is a plain identifier (as Snowplow's loaders write
        them), unquoted, so that it resolves as the warehouse folds case -#}
    {%- for name in names if name.lower().startswith(settings['unstruct_prefix']) and modules.re.fullmatch('[A-Za-z0-9_]+', name) -%}
      {%- do columns.append(heap_connect.snowplow_unstruct_column(name)) -%}
    {%- endfor -%}
    {%- if columns | length > 1 -%}coalesce({{ columns | join(', ') }})
    {%- elif columns -%}{{ columns[0] }}
    {%- else -%}{{ heap_connect.null_json() }}
    {%- endif -%}
  {%- else -%}
    {{ heap_connect.null_json() }}
  {%- endif -%}
{%- endmacro %}

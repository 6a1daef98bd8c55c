{#-
  What the opt-in mart `mart` (users_enhanced, sessions_enhanced) is made of: the Heap
  Connect table whose every column it copies (`copies`), the scope of that table's defined
  properties (`scope`), and the columns it adds after them (`columns`, {name, type}: logical
  types, in table order). users_enhanced's initial_marketing_channel is there only while an
  event-scope defined property makes the column marketing_channel (a `Marketing Channel`):
  its value is the user's first session's. The models' SQL gives each added column its value
  by this name (heap_connect.mart_select); docs/marts.md says what each one holds.
-#}
{% macro mart_columns(mart) -%}
  {%- if mart == 'sessions_enhanced' -%}
    {%- set added = [
        ('end_time', 'timestamp'), ('duration_seconds', 'double'), ('event_count', 'bigint'),
        ('pageview_count', 'bigint'), ('exit_page', 'text'), ('session_index', 'bigint'),
        ('referrer_medium', 'text'), ('referrer_source', 'text'), ('gclid', 'text'), ('fbclid', 'text'),
    ] -%}
    {%- set copies, scope = 'sessions', 'event' -%}
  {%- elif mart == 'users_enhanced' -%}
    {%- set channel = [] -%}
    {%- for property in heap_connect.defined_properties('event') if property['column'] == 'marketing_channel' -%}
      {%- do channel.append(('initial_marketing_channel', 'text')) -%}
    {%- endfor -%}
    {%- set added = [
        ('initial_referrer', 'text'), ('initial_landing_page', 'text'), ('initial_utm_source', 'text'),
        ('initial_utm_medium', 'text'), ('initial_utm_campaign', 'text'), ('initial_utm_term', 'text'),
        ('initial_utm_content', 'text'),
    ] + channel + [
        ('initial_browser', 'text'), ('initial_device_type', 'text'), ('initial_platform', 'text'),
        ('initial_country', 'text'), ('initial_region', 'text'), ('initial_city', 'text'),
        ('session_count', 'bigint'), ('pageview_count', 'bigint'), ('first_seen_at', 'timestamp'),
        ('last_seen_at', 'timestamp'),
    ] -%}
    {%- set copies, scope = 'users', 'user' -%}
  {%- else -%}
    {{ exceptions.raise_compiler_error("heap_connect.mart_columns: no mart '" ~ mart ~ "'") }}
  {%- endif -%}
  {%- set columns = [] -%}
  {%- for name, type in added -%}
    {%- do columns.append({'name': name, 'type': type}) -%}
  {%- endfor -%}
  {{ return({'copies': copies, 'scope': scope, 'columns': columns}) }}
{%- endmacro %}

{#-
  The property columns of profile rows (heap_connect.property_profile): a list of
  {name, keys, type, n_values} sorted by name, where `name` is the snake_case column, `keys`
  the property keys that map to it (keys differing only in case or punctuation share a
  column), `type` the narrowest logical type that holds every non-null value seen:
  bigint (all integers), double (all numbers), boolean, timestamp (all strings matching
  heap_connect.timestamp_pattern), else text, and `n_values` how many non-null values it has
  (a column whose values are all null gets text). A key's column is
  heap_connect.property_key_column: a key whose name is one of `reserved` (the table's
  built-in and defined-property columns) or empty gets a `property_` name, never left out;
  every key not simply snake_cased (renamed that way, or holding non-ASCII characters) is
  logged, `heap_connect_property_name {"table", "key", "column"}`, for heapgen sync's
  summary (`table`: the table named there, else the current model's). Rows are read by position
  (property_key, n_values, n_integer, n_number, n_boolean, n_timestamp): Snowflake
  upper-cases unquoted names.
-#}
{% macro property_columns(profile_rows, reserved=[], table=none) -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set columns = {} -%}
  {%- for row in profile_rows -%}
    {%- set key = row[0] -%}
    {%- set name = heap_connect.property_key_column(key, reserved) -%}
    {%- if not key.isascii() or (name.startswith(contract['property_prefix']) and name != heap_connect.heap_name(key)) -%}
      {%- do log(contract['markers']['property_name'] ~ tojson({'table': table or (this.identifier if this is defined else none), 'key': key, 'column': name}), info=true) -%}
    {%- endif -%}
    {%- if name not in columns -%}
      {%- do columns.update({name: {'name': name, 'keys': [], 'n': 0, 'int': 0, 'num': 0, 'bool': 0, 'ts': 0}}) -%}
    {%- endif -%}
    {%- set column = columns[name] -%}
    {%- if key not in column['keys'] -%}{%- do column['keys'].append(key) -%}{%- endif -%}
    {%- do column.update({
        'n': column['n'] + row[1], 'int': column['int'] + row[2],
        'num': column['num'] + row[3], 'bool': column['bool'] + row[4],
        'ts': column['ts'] + row[5]}) -%}
  {%- endfor -%}
  {%- set result = [] -%}
  {%- for name in columns | sort -%}
    {%- set c = columns[name] -%}
    {%- if c['n'] == 0 -%}{%- set type = 'text' -%}
    {%- elif c['int'] == c['n'] -%}{%- set type = 'bigint' -%}
    {%- elif c['num'] == c['n'] -%}{%- set type = 'double' -%}
    {%- elif c['bool'] == c['n'] -%}{%- set type = 'boolean' -%}
    {%- elif c['ts'] == c['n'] -%}{%- set type = 'timestamp' -%}
    {%- else -%}{%- set type = 'text' -%}
    {%- endif -%}
    {%- do result.append({'name': name, 'keys': c['keys'] | sort, 'type': type, 'n_values': c['n']}) -%}
  {%- endfor -%}
  {{ return(result) }}
{%- endmacro %}

{#-
  The built relation has exactly the column spec's columns for `spec_table`, with the
  spec's names, logical types and order. With `libraries`, only the spec columns that all
  libraries or one of these carry (event tables). With allow_extra, more columns may follow
  the spec's (users and event tables: one per property). Fails with one row per difference.
-#}
{% test matches_column_spec(model, spec_table, libraries=none, allow_extra=false) %}
{%- set actual = adapter.get_columns_in_relation(model) if execute else [] %}
with expected as (
    select
        row_number() over (order by column_position) as column_position,
        lower(column_name) as column_name,
        data_type
    from {{ ref('heap_connect__column_spec') }}
    where table_name = {{ heap_connect.sql_string(spec_table) }}
    {%- if libraries is not none %}
        and (libraries = 'all'
        {%- for library in libraries %}
            or {{ dbt.concat(["';'", 'libraries', "';'"]) }} like {{ heap_connect.sql_string('%;' ~ library ~ ';%') }}
        {%- endfor %})
    {%- endif %}
),

actual as (
    {%- for column in actual %}
    select
        {{ loop.index }} as column_position,
        {{ heap_connect.sql_string(column.name | lower) }} as column_name,
        {{ heap_connect.sql_string(heap_connect.logical_type(column)) }} as data_type
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_int() }}) as column_position,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as data_type
    {%- endfor %}
)

select
    coalesce(expected.column_position, actual.column_position) as column_position,
    expected.column_name as expected_name,
    actual.column_name as actual_name,
    expected.data_type as expected_type,
    actual.data_type as actual_type
from expected
full outer join actual
    on expected.column_position = actual.column_position
where actual.column_position is null
    or (expected.column_position is null and not {{ 'true' if allow_extra else 'false' }})
    or (expected.column_position is not null and (
        expected.column_name <> actual.column_name
        or expected.data_type <> actual.data_type))
{% endtest %}

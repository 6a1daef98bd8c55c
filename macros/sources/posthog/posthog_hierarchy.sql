{#-
  Heap's `hierarchy` (root first, `tag#id.class[name=value]` joined by ` > `) of PostHog's
  autocapture `elements_chain` (clicked element first). The rule, and why each part is kept
  or left out, is stated once in generator/heapgen/posthog.py, which the tests compare with
  this SQL on a matrix of chains (tests/python/test_posthog.py on DuckDB; every warehouse
  stand-in against DuckDB in tests/python/test_warehouse_posthog.py). Null for a null or empty
  chain. The regular expressions are DuckDB's (RE2), rewritten where a warehouse's dialect
  reads them differently: PostgreSQL's `.` matches a line break, its `\s` and `[[:space:]]`
  follow the locale; Snowflake has no lazy quantifiers or (?:).
-#}
{% macro posthog_hierarchy(chain) -%}
  {{ return(adapter.dispatch('posthog_hierarchy', 'heap_connect')(chain)) }}
{%- endmacro %}

{% macro default__posthog_hierarchy(chain) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_hierarchy has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# List functions and lambdas (https://duckdb.org/docs/stable/sql/functions/list), one chain
   element at a time; a one-item list binds an element's head (`x.h`: tag and classes) and
   its (key, value) pairs (`x.p`) to names. #}
{% macro duckdb__posthog_hierarchy(chain) -%}
  nullif(array_to_string(list_reverse(list_transform(
    regexp_extract_all({{ chain }}, '(?:[^\s;"]|"(?:[^"\\]|\\.)*")+'),
    lambda element: list_transform(
      [{'h': {{ heap_connect.posthog_element_head('element') }}, 'p': {{ heap_connect.posthog_chain_pairs('element') }}}],
      lambda x: split_part(x.h, '.', 1)
        || coalesce('#' || list_filter(
             [coalesce(list_filter(x.p, lambda a: a[1] = 'attr__id')[1][2],
                       list_filter(x.p, lambda a: a[1] = 'attr_id')[1][2])],
             lambda id: id <> '' and not regexp_matches(id, '[ #.\[]'))[1], '')
        || array_to_string(list_transform(
             list_filter((string_split(x.h, '.'))[2:], lambda c: c <> '' and not regexp_matches(c, '[ #\[]')),
             lambda c: '.' || c), '')
        || array_to_string(list_transform(
             list_filter(x.p, lambda a: starts_with(a[1], 'attr__') and length(a[1]) > 6
               and a[1] not in ('attr__id', 'attr__class')),
             lambda a: '[' || substr(a[1], 7)
               || case when regexp_matches(a[2], '[\] \t\n\r\f\v]') then '' else '=' || a[2] end
               || ']'), '')
    )[1]
  )), ' > '), '')
{%- endmacro %}

{# A correlated subquery: one row per chain element from REGEXP_MATCHES (`g`) WITH ORDINALITY,
   STRING_AGG in reverse order; per element one aggregate over its pairs gives the id (the
   first attr__id, else attr_id) and the attributes.
   https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-POSIX-REGEXP
   https://www.postgresql.org/docs/current/functions-aggregate.html #}
{% macro postgres__posthog_hierarchy(chain) -%}
  {%- set element_pattern %}(?:[^\t\n\f\r ;"]|"(?:[^"\\]|\\[^\n])*")+{% endset -%}
  {%- set name_stops %}[ #.\[]{% endset -%}
  {%- set class_stops %}[ #\[]{% endset -%}
  {%- set value_stops %}[] \t\n\r\f\v]{% endset -%}
  {%- set element_id -%}
    coalesce((array_agg(pair.value order by pair.position) filter (where pair.key = 'attr__id'))[1],
      (array_agg(pair.value order by pair.position) filter (where pair.key = 'attr_id'))[1])
  {%- endset -%}
  (select nullif(string_agg(heap_element.text, ' > ' order by heap_element.position desc), '')
    from (
      select chain_element.position, (
        select split_part(chain_element.head, '.', 1)
          || case when {{ element_id }} <> '' and not ({{ element_id }} ~ {{ heap_connect.sql_string(name_stops) }})
               then '#' || {{ element_id }} else '' end
          || coalesce((
               select string_agg('.' || class.name, '' order by class.position)
               from unnest(string_to_array(chain_element.head, '.')) with ordinality as class(name, position)
               where class.position > 1 and class.name <> '' and not (class.name ~ {{ heap_connect.sql_string(class_stops) }})
             ), '')
          || coalesce(string_agg(
               '[' || substr(pair.key, 7)
                 || case when pair.value ~ {{ heap_connect.sql_string(value_stops) }} then '' else '=' || pair.value end
                 || ']', '' order by pair.position)
               filter (where left(pair.key, 6) = 'attr__' and length(pair.key) > 6
                 and pair.key not in ('attr__id', 'attr__class')), '')
        from {{ heap_connect.posthog_chain_pairs('chain_element.text') }} as pair
      ) as text
      from (
        select element_match.position, element_match.groups[1] as text,
          {{ heap_connect.posthog_element_head('element_match.groups[1]') }} as head
        from regexp_matches({{ chain }}, {{ heap_connect.sql_string(element_pattern) }}, 'g')
          with ordinality as element_match(groups, position)
      ) as chain_element
    ) as heap_element)
{%- endmacro %}

{# Redshift has neither a regexp-extract-all nor arrays of text: a correlated subquery numbers
   the chain's elements (at most 128) and reads each with REGEXP_SUBSTR's occurrence (PCRE,
   `p`), then LISTAGG joins them in reverse order. In an element, the id is read by
   posthog_element_value, the classes are filtered with REGEXP_REPLACE, and its first 32
   key="value" pairs are read by occurrence; an attribute is rewritten from its pair's text
   by REGEXP_REPLACE (`attr__` and the quotes removed, or all from `=` on when the value has
   whitespace or `]`).
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_COUNT.html
   https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_REPLACE.html
   https://docs.aws.amazon.com/redshift/latest/dg/r_LISTAGG.html
   The Redshift stand-in (PostgreSQL) runs the PostgreSQL form; test_offline_compile.py parses
   this one. #}
{% macro redshift__posthog_hierarchy(chain) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__posthog_hierarchy(chain)) }}
  {%- endif -%}
  {%- set element_pattern %}(?:[^\t\n\f\r ;"]|"(?:[^"\\]|\\.)*")+{% endset -%}
  {%- set element = "regexp_substr(" ~ chain ~ ", " ~ heap_connect.sql_string(element_pattern) ~ ", 1, chain_element.position, 'p')" -%}
  {%- set head = heap_connect.posthog_element_head(element) -%}
  {%- set rest = "regexp_replace(" ~ element ~ ", " ~ heap_connect.sql_string('^.*?(?=:[a-zA-Z0-9_-]*=|$)') ~ ", '', 1, 'p')" -%}
  {%- set element_id = "coalesce(" ~ heap_connect.posthog_element_value(element, 'attr__id') ~ ", "
        ~ heap_connect.posthog_element_value(element, 'attr_id') ~ ")" -%}
  {%- set ns = namespace(attributes=[]) -%}
  {%- for occurrence in range(1, 33) -%}
    {%- set pair = "regexp_substr(" ~ rest ~ ", " ~ heap_connect.sql_string('[a-zA-Z0-9_-]+="(?:[^"\\\\]|\\\\.)*"') ~ ", 1, " ~ occurrence ~ ", 'p')" -%}
    {%- set attribute -%}
      case when regexp_instr({{ pair }}, '^attr__(?!(?:id|class)=)[a-zA-Z0-9_-]+=', 1, 1, 0, 'p') = 0 then ''
        when regexp_instr({{ pair }}, {{ heap_connect.sql_string('[\\] \\t\\n\\r\\f\\v]') }}, 1, 1, 0, 'p') > 0
          then '[' || regexp_replace({{ pair }}, {{ heap_connect.sql_string('^attr__|=[\\s\\S]*$') }}, '', 1, 'p') || ']'
        else '[' || replace(regexp_replace({{ pair }}, '^attr__|(?<==)"|"$', '', 1, 'p'), {{ heap_connect.sql_string('\\"') }}, '"') || ']' end
    {%- endset -%}
    {%- do ns.attributes.append(attribute) -%}
  {%- endfor -%}
  nullif((
    select listagg(
      split_part({{ head }}, '.', 1)
        || coalesce('#' || nullif(regexp_substr({{ element_id }}, {{ heap_connect.sql_string('^[^ #.\\[]+$') }}, 1, 1, 'p'), ''), '')
        || regexp_replace(regexp_replace({{ head }}, '^[^.]*', ''), {{ heap_connect.sql_string('\\.(?=\\.|$)|\\.[^.]*[ #\\[][^.]*') }}, '', 1, 'p')
        || {{ ns.attributes | join('\n        || ') }},
      ' > ') within group (order by chain_element.position desc)
    from (
      select low.digit + 16 * high.digit + 1 as position
      from (select 0 as digit{% for digit in range(1, 16) %} union all select {{ digit }}{% endfor %}) as low
      cross join (select 0 as digit{% for digit in range(1, 8) %} union all select {{ digit }}{% endfor %}) as high
    ) as chain_element
    where chain_element.position <= regexp_count({{ chain }}, {{ heap_connect.sql_string(element_pattern) }}, 1, 'p')
  ), '')
{%- endmacro %}

{# TRANSFORM and FILTER with lambdas over REGEXP_SUBSTR_ALL's elements, ARRAY_REVERSE, as
   DuckDB's list functions. Each lambda reads only its own argument, so what an element needs
   more than once is computed by one TRANSFORM into an ARRAY of texts that the next reads
   ([element, head], then [tag, classes, the pairs' part]). A pair is its text
   `key="value"`: its key is what comes before the first `=`, so `attr__id="` starts the
   id's pair (posthog_pair_value reads the value).
   https://docs.snowflake.com/en/sql-reference/functions/regexp_substr_all
   https://docs.snowflake.com/en/sql-reference/functions/transform
   https://docs.snowflake.com/en/sql-reference/functions/filter
   https://docs.snowflake.com/en/sql-reference/functions/array_reverse #}
{% macro snowflake__posthog_hierarchy(chain) -%}
  {%- set element_pattern %}([^[:space:];"]|"([^"\\]|\\.)*")+{% endset -%}
  {%- set pair_pattern %}[a-zA-Z0-9_-]+="([^"\\]|\\.)*"{% endset -%}
  {%- set pairs = "regexp_substr_all(parts[2]::varchar, " ~ heap_connect.sql_string(pair_pattern) ~ ")" -%}
  {%- set element_id -%}
    coalesce(
      transform(filter({{ pairs }}, pair -> startswith(pair::varchar, 'attr__id="')), pair -> {{ heap_connect.posthog_pair_value('pair::varchar') }})[0]::varchar,
      transform(filter({{ pairs }}, pair -> startswith(pair::varchar, 'attr_id="')), pair -> {{ heap_connect.posthog_pair_value('pair::varchar') }})[0]::varchar)
  {%- endset -%}
  nullif(array_to_string(array_reverse(transform(transform(transform(
    regexp_substr_all({{ chain }}, {{ heap_connect.sql_string(element_pattern) }}),
    chain_element varchar -> [chain_element, {{ heap_connect.posthog_element_head('chain_element') }}]),
    element -> [
      split_part(element[1]::varchar, '.', 1),
      array_to_string(transform(
        filter(regexp_substr_all(substr(element[1]::varchar, length(split_part(element[1]::varchar, '.', 1)) + 1), '[^.]+'),
          class_name -> translate(class_name::varchar, ' #[', '') = class_name::varchar),
        class_name -> '.' || class_name::varchar), ''),
      substr(element[0]::varchar, length(element[1]::varchar) + 1)]),
    parts -> parts[0]::varchar
      || array_to_string(transform(
           filter([{{ element_id }}], element_id -> element_id::varchar <> '' and translate(element_id::varchar, ' #.[', '') = element_id::varchar),
           element_id -> '#' || element_id::varchar), '')
      || parts[1]::varchar
      || array_to_string(transform(
           filter({{ pairs }}, pair -> startswith(pair::varchar, 'attr__') and not startswith(pair::varchar, 'attr__=')
             and not startswith(pair::varchar, 'attr__id="') and not startswith(pair::varchar, 'attr__class="')),
           pair -> '[' || substr(split_part(pair::varchar, '=', 1), 7)
             || iff(regexp_instr(pair::varchar, '[[:space:]]') > 0 or contains(pair::varchar, ']'), '',
                  '=' || {{ heap_connect.posthog_pair_value('pair::varchar') }})
             || ']'), '')
  )), ' > '), '')
{%- endmacro %}

{# A correlated subquery over UNNEST(REGEXP_EXTRACT_ALL(...)) WITH OFFSET, STRING_AGG in
   reverse order (RE2, as DuckDB); per element one aggregate over its pairs gives the id and
   the attributes.
   https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
   https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg #}
{% macro bigquery__posthog_hierarchy(chain) -%}
  {%- set element_id -%}
    coalesce(array_agg(if(pair.key = 'attr__id', pair.value, null) ignore nulls order by pair.position limit 1)[safe_offset(0)],
      array_agg(if(pair.key = 'attr_id', pair.value, null) ignore nulls order by pair.position limit 1)[safe_offset(0)])
  {%- endset -%}
  (select nullif(string_agg(heap_element.text, ' > ' order by heap_element.position desc), '')
    from (
      select chain_element.position, (
        select split(chain_element.head, '.')[offset(0)]
          || if({{ element_id }} <> '' and not regexp_contains({{ element_id }}, {{ heap_connect.sql_string('[ #.\\[]') }}), '#' || {{ element_id }}, '')
          || coalesce((
               select string_agg('.' || class_name, '' order by class_position)
               from unnest(split(chain_element.head, '.')) as class_name with offset as class_position
               where class_position > 0 and class_name <> '' and not regexp_contains(class_name, {{ heap_connect.sql_string('[ #\\[]') }})
             ), '')
          || coalesce(string_agg(
               if(starts_with(pair.key, 'attr__') and length(pair.key) > 6 and pair.key not in ('attr__id', 'attr__class'),
                 '[' || substr(pair.key, 7)
                   || if(regexp_contains(pair.value, {{ heap_connect.sql_string('[\\] \\t\\n\\r\\f\\v]') }}), '', '=' || pair.value)
                   || ']', null), '' order by pair.position), '')
        from {{ heap_connect.posthog_chain_pairs('chain_element.text') }} as pair
      ) as text
      from (
        select element_position as position, element_text as text,
          {{ heap_connect.posthog_element_head('element_text') }} as head
        from unnest(regexp_extract_all({{ chain }}, {{ heap_connect.sql_string('(?:[^\\s;"]|"(?:[^"\\\\]|\\\\.)*")+') }})) as element_text
          with offset as element_position
      ) as chain_element
    ) as heap_element)
{%- endmacro %}

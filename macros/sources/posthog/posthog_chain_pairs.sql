{#-
  The key="value" pairs of one elements_chain element (a SQL expression of text), in order,
  values unescaped (\" read as "): the keys follow the element's head (tag and classes, up to
  the first `:` that starts a `key=`). Shared by posthog_hierarchy and posthog_chain_value;
  generator/heapgen/posthog.py states the same rule (element_attributes).
  What it gives depends on what the warehouse iterates best:
  - DuckDB: a list of (key, value) tuples;
  - PostgreSQL and BigQuery: a derived table (position, key, value), one row per pair;
  - Snowflake: an ARRAY of the pairs' texts (`key="value"`, still escaped), which
    posthog_pair_value reads;
  - Redshift: none (posthog_hierarchy and posthog_chain_value read pairs with regular
    expressions there); the Redshift stand-in uses the PostgreSQL form.
-#}
{% macro posthog_chain_pairs(element) -%}
  {{ return(adapter.dispatch('posthog_chain_pairs', 'heap_connect')(element)) }}
{%- endmacro %}

{% macro default__posthog_chain_pairs(element) -%}
  {#- models of a source a project does not use are parsed too: fail only when one runs -#}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_chain_pairs has no implementation for adapter '" ~ adapter.type() ~ "'") }}{% endif -%}
{%- endmacro %}

{# A list of (key, value) tuples. https://duckdb.org/docs/stable/sql/functions/list #}
{% macro duckdb__posthog_chain_pairs(element) -%}
  {%- set rest = 'substr(' ~ element ~ ', length(' ~ heap_connect.posthog_element_head(element) ~ ') + 1)' -%}
  list_zip(
    regexp_extract_all({{ rest }}, '([a-zA-Z0-9_-]+)="(?:[^"\\]|\\.)*"', 1),
    list_transform(regexp_extract_all({{ rest }}, '[a-zA-Z0-9_-]+="((?:[^"\\]|\\.)*)"', 1),
      lambda v: replace(v, '\"', '"'))
  )
{%- endmacro %}

{# REGEXP_MATCHES with the `g` flag gives one row per match (its capture groups as an array),
   WITH ORDINALITY its position. `.` matches a line break in PostgreSQL's AREs and not in RE2
   (DuckDB, the reference), hence [^\n] after a backslash.
   https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-POSIX-REGEXP #}
{% macro postgres__posthog_chain_pairs(element) -%}
  {%- set pattern %}([a-zA-Z0-9_-]+)="((?:[^"\\]|\\[^\n])*)"{% endset -%}
  (select pair_match.position, pair_match.groups[1] as key,
      replace(pair_match.groups[2], {{ heap_connect.sql_string('\\"') }}, '"') as value
    from regexp_matches(substr({{ element }}, length({{ heap_connect.posthog_element_head(element) }}) + 1),
      {{ heap_connect.sql_string(pattern) }}, 'g') with ordinality as pair_match(groups, position))
{%- endmacro %}

{% macro redshift__posthog_chain_pairs(element) -%}
  {%- if heap_connect.on_stand_in('redshift') -%}
    {{ return(heap_connect.postgres__posthog_chain_pairs(element)) }}
  {%- endif -%}
  {%- if execute %}{{ exceptions.raise_compiler_error("heap_connect.posthog_chain_pairs is not used on Redshift (no arrays or set-returning functions): posthog_hierarchy and posthog_chain_value read the pairs with regular expressions") }}{% endif -%}
{%- endmacro %}

{# REGEXP_SUBSTR_ALL gives every match (no lazy quantifiers or (?:) in Snowflake's POSIX
   syntax: the groups only group). Not OBJECTs of key and value: fakesnow (the Snowflake
   stand-in) cannot build an OBJECT inside a lambda (`subqueries in lambda expressions are not
   supported`), and a pair's text holds both.
   https://docs.snowflake.com/en/sql-reference/functions/regexp_substr_all #}
{% macro snowflake__posthog_chain_pairs(element) -%}
  {%- set pattern %}[a-zA-Z0-9_-]+="([^"\\]|\\.)*"{% endset -%}
  regexp_substr_all(substr({{ element }}, length({{ heap_connect.posthog_element_head(element) }}) + 1), {{ heap_connect.sql_string(pattern) }})
{%- endmacro %}

{# REGEXP_EXTRACT_ALL (RE2, as DuckDB) gives every whole match when the pattern has no
   capture group; UNNEST ... WITH OFFSET numbers them; each `key="value"` text is split at its
   first `=`. https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator #}
{% macro bigquery__posthog_chain_pairs(element) -%}
  {%- set pattern %}[a-zA-Z0-9_-]+="(?:[^"\\]|\\.)*"{% endset -%}
  (select pair_position as position, split(pair_text, '=')[offset(0)] as key,
      {{ heap_connect.posthog_pair_value('pair_text') }} as value
    from unnest(regexp_extract_all(substr({{ element }}, length({{ heap_connect.posthog_element_head(element) }}) + 1),
      {{ heap_connect.sql_string(pattern) }})) as pair_text with offset as pair_position)
{%- endmacro %}

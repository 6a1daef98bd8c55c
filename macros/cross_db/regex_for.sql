{#-
  The project's portable regular expression `pattern` (a Python string: POSIX ERE as the
  generator writes it, generator/heapgen/criteria.py and selectors.py: bracket expressions
  of plain characters, `(.|\n)` for any character) in the form the warehouse's regex engine
  reads the same way. Goes through heap_connect.sql_string afterwards.
-#}
{% macro regex_for(pattern) -%}
  {{ return(adapter.dispatch('regex_for', 'heap_connect')(pattern)) }}
{%- endmacro %}

{# RE2 (DuckDB, BigQuery), PostgreSQL's ARE, Snowflake's and Redshift's POSIX: as written. #}
{% macro default__regex_for(pattern) -%}
  {{ return(pattern) }}
{%- endmacro %}

{# Java regular expressions (Spark's RLIKE) differ from ERE in three places the project's
   patterns reach: inside a bracket expression `[`, `]`, `&` and `\` are special (a nested
   class, intersection, an escape), so they are backslash-escaped there (a leading `^` still
   negates); `.` skips \r and other line terminators as well as \n, so the pattern runs in
   DOTALL mode (`(?s)`); `$` also matches before a final line terminator, so an unescaped `$`
   outside brackets becomes `\z` (the very end).
   https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/regex/Pattern.html #}
{% macro spark__regex_for(pattern) -%}
  {%- set state = namespace(out='(?s)', escaped=false, bracket=false, first=false) -%}
  {%- for char in pattern -%}
    {%- if state.bracket -%}
      {%- if state.first and char == '^' -%}
        {%- set state.out = state.out ~ char -%}
      {%- elif char == ']' and not state.first -%}
        {%- set state.out = state.out ~ char -%}{%- set state.bracket = false -%}
      {%- elif char in '[]&\\' -%}
        {%- set state.out = state.out ~ '\\' ~ char -%}
      {%- else -%}
        {%- set state.out = state.out ~ char -%}
      {%- endif -%}
      {%- if not (state.first and char == '^') -%}{%- set state.first = false -%}{%- endif -%}
    {%- elif state.escaped -%}
      {%- set state.out = state.out ~ char -%}{%- set state.escaped = false -%}
    {%- elif char == '\\' -%}
      {%- set state.out = state.out ~ char -%}{%- set state.escaped = true -%}
    {%- elif char == '[' -%}
      {%- set state.out = state.out ~ char -%}{%- set state.bracket = true -%}{%- set state.first = true -%}
    {%- elif char == '$' -%}
      {%- set state.out = state.out ~ '\\z' -%}
    {%- else -%}
      {%- set state.out = state.out ~ char -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(state.out) }}
{%- endmacro %}

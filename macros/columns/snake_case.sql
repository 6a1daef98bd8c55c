{#-
  snake_case of a display name or property key, the same rule as heapgen.naming.snake_case
  (both are checked against tests/fixtures/snake_case_vectors.csv): lower-case, accented
  Latin letters as their ASCII letters (the generated heap_connect_transliteration, from
  heapgen.naming.TRANSLITERATION: `Événement` -> `evenement`), every run of characters other
  than a-z and 0-9 becomes one `_`, no leading or trailing `_`, and a leading digit gets a
  `_` prefix.
-#}
{% macro snake_case(name) -%}
  {%- set text = name | lower -%}
  {%- if not text.isascii() -%}
    {%- set text = text.translate(heap_connect.heap_connect_transliteration()) -%}
  {%- endif -%}
  {%- set text = modules.re.sub('[^a-z0-9]+', '_', text).strip('_') -%}
  {%- if text[:1] in '0123456789' and text[:1] != '' -%}
    {%- set text = '_' ~ text -%}
  {%- endif -%}
  {{ return(text) }}
{%- endmacro %}

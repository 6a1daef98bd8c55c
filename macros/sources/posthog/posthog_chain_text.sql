{#-
  The autocapture elements_chain of a PostHog batch-export row as text, from the column and
  encoding of the source's layout (heapgen.definitions.POSTHOG_LAYOUTS): S3 files hold the
  chain itself; BigQuery's export a JSON string of it, PostgreSQL's a JSON string of that
  JSON string, Snowflake's a VARIANT string; Redshift's export has no chain (null).
-#}
{% macro posthog_chain_text(settings) -%}
  {%- set column = heap_connect.quote_column(settings['chain']) if settings['chain'] else none -%}
  {%- set encoding = settings['chain_encoding'] -%}
  {%- if column is none -%}
    cast(null as {{ dbt.type_string() }})
  {%- elif encoding == 'text' -%}
    nullif(cast({{ column }} as {{ dbt.type_string() }}), '')
  {%- elif encoding == 'json' -%}
    nullif(json_value({{ column }}), '')
  {%- elif encoding == 'json_twice' -%}
    nullif((cast({{ column }} as jsonb) #>> '{}')::jsonb #>> '{}', '')
  {%- elif encoding == 'variant' -%}
    nullif(cast({{ column }} as varchar), '')
  {%- else -%}
    {{ exceptions.raise_compiler_error("unknown elements_chain encoding " ~ encoding) }}
  {%- endif -%}
{%- endmacro %}

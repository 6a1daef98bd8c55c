{#- True for the dbt commands that sync (build, run); false for test, compile, show, ... -#}
{% macro is_sync_invocation() -%}
  {{ return(execute and invocation_args_dict.get('which') in ('build', 'run')) }}
{%- endmacro %}

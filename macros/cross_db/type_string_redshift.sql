{#-
  dbt's type_string on Redshift is TEXT, which Redshift stores as VARCHAR(256): a longer
  hierarchy, href or property value would not fit. VARCHAR(65535), its maximum (the same as VARCHAR(MAX), which PostgreSQL cannot parse), holds them.
  dbt_project.yml's `dispatch` puts this project before dbt for dbt's own macros, so
  dbt.type_string() finds this override on Redshift and nowhere else.
  https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html#r_Character_types-text-and-bpchar-types
-#}
{% macro redshift__type_string() -%}
  varchar(65535)
{%- endmacro %}

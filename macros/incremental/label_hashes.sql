{#- `labels` as one string `label_id:definition_hash;...` (sorted), and back: with
    `parse=true` a state string gives {label_id: definition_hash}. -#}
{% macro label_hashes(labels, parse=false) -%}
  {%- if parse -%}
    {%- set hashes = {} -%}
    {%- for item in (labels or '').split(';') if ':' in item -%}
      {%- set parts = item.split(':') -%}
      {%- do hashes.update({parts[0]: parts[1]}) -%}
    {%- endfor -%}
    {{ return(hashes) }}
  {%- endif -%}
  {%- set items = [] -%}
  {%- for label in labels -%}{%- do items.append(label['label_id'] ~ ':' ~ label['definition_hash']) -%}{%- endfor -%}
  {{ return(items | sort | join(';')) }}
{%- endmacro %}

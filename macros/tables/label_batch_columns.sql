{#- The property columns (heap_connect.property_columns) of the batch's events tagged with
    `label_id`, from int_label_property_profile. -#}
{% macro label_batch_columns(label_id, reserved) -%}
  {{ return(heap_connect.property_columns(heap_connect.label_profile_rows(label_id), reserved)) }}
{%- endmacro %}

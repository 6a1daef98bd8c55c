{#-
  Every labeled event of the definitions (the generated heap_connect_labels). Looked up by
  name, not called as heap_connect.heap_connect_labels(): dbt links a macro to the macros
  its text calls by name and, when a macro file changes, parses again every model linked to
  it through such calls. heapgen rewrites heap_connect_labels whenever a definition is
  edited, and every event table's model reaches it, so a call by name would make one edited
  definition parse a thousand models again (decision 0023). Only the macros that read the
  labels go through here; the generated macro is no one's logic (heap_connect_sync_contract's
  logic_excluded_macros), so the logic hash loses nothing.
-#}
{% macro labels() -%}
  {{ return(heap_connect['heap_connect_labels']()) }}
{%- endmacro %}

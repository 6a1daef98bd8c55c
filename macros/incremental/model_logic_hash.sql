{#-
  The logic hash of model `unique_id` (default: the current model): a digest of what decides
  its rows besides the definitions, part of its state (heap_connect.model_state_hash), so a
  heap_connect version whose logic changed rebuilds exactly the tables it reaches. It covers
  the model's own file (dbt's checksum; not for a model generated from a definition, whose
  file is a thin call site), every heap_connect macro it calls, transitively (dbt's
  depends_on.macros of the node, then of each macro), and the logic hashes of the models and
  seeds it reads (their logic decides its input). Left out (heap_connect_sync_contract): the
  macros generated from definitions (their hashes are the state's other parts), the contract
  itself and the sync machinery (macros/incremental, macros/sync: how a sync reaches the rows of a full build,
  not what they are). So every event table of one heap_connect version has the same logic
  hash. dbt's flat graph has no macros: a macro's text comes from its MacroGenerator
  (`.macro.macro_sql`). Worked out once per distinct input per invocation (cached in `graph`,
  as heap_connect.node_cache does); '' while dbt parses.
-#}
{% macro model_logic_hash(unique_id=none) -%}
  {%- if not execute -%}{{ return('') }}{%- endif -%}
  {%- set unique_id = unique_id or model.unique_id -%}
  {%- set cache = graph.setdefault('heap_connect__logic_hashes', {}).setdefault(invocation_id, {}) -%}
  {%- if unique_id in cache -%}{{ return(cache[unique_id]) }}{%- endif -%}
  {%- set contract = heap_connect.heap_connect_sync_contract() -%}
  {%- set node = graph.nodes[unique_id] -%}
  {%- set own = '' if node.original_file_path.startswith(contract['generated_model_path']) else node.checksum.checksum -%}
  {%- set parents = [] -%}
  {%- for parent in node.depends_on.nodes if parent in graph.nodes -%}{%- do parents.append(parent) -%}{%- endfor -%}
  {%- set key = own ~ ' ' ~ node.depends_on.macros | sort | join(',') ~ ' ' ~ parents | sort | join(',') -%}
  {%- if key not in cache -%}
    {%- set parts = [own] -%}
    {%- set seen = [] -%}
    {%- set queue = node.depends_on.macros | list -%}
    {#- the loop also visits what it appends to `queue`: the macros' own calls -#}
    {%- for macro_id in queue if macro_id.startswith('macro.heap_connect.') and macro_id not in seen -%}
      {%- do seen.append(macro_id) -%}
      {%- set macro = heap_connect[macro_id.split('.')[2]].macro -%}
      {%- if macro.name not in contract['logic_excluded_macros']
          and macro.original_file_path.rsplit('/', 1)[0] ~ '/' not in contract['machinery_macro_paths'] -%}
        {%- if macro_id not in cache -%}{%- do cache.update({macro_id: local_md5(macro.macro_sql)}) -%}{%- endif -%}
        {%- do parts.append(macro_id ~ ':' ~ cache[macro_id]) -%}
        {%- do queue.extend(macro.depends_on.macros) -%}
      {%- endif -%}
    {%- endfor -%}
    {%- for parent in parents -%}{%- do parts.append(heap_connect.model_logic_hash(parent)) -%}{%- endfor -%}
    {%- do cache.update({key: local_md5(parts | sort | join('\n'))}) -%}
  {%- endif -%}
  {%- do cache.update({unique_id: cache[key]}) -%}
  {{ return(cache[key]) }}
{%- endmacro %}

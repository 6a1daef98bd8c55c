-- _event_metadata: the synced labeled events' names and metadata, rebuilt from the
-- definitions on every sync.
{{ config(alias='_event_metadata') }}
{{ heap_connect.event_metadata(heap_connect.synced_labels()) }}

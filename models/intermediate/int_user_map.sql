-- Every migrated user_id and the user it finally belongs to (chains followed to their end),
-- with the time of its own migration. A cycle fails the sync here, before any output table.
{{ heap_connect.resolve_user_migrations(ref('int_user_migrations')) }}

-- user_migrations: every user merged into another by an identify, with the user it now
-- belongs to (chains resolved: A -> B -> C lists A -> C and B -> C) and when it moved.
{{ config(alias='user_migrations') }}
select
    {{- heap_connect.spec_select('user_migrations', 'migrations') }}
from {{ ref('int_user_map') }} as migrations

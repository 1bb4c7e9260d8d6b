"""PostgreSQL: keep the tsvector in a stored generated column, so ranking does not re-parse `terms`
for every matching row. SQLite is unchanged (FTS5 stores its own index)."""

from django.db import migrations

POSTGRES_UP = [
    "ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "DROP INDEX IF EXISTS core_searchentry_terms_gin",
    "CREATE INDEX core_searchentry_vector_gin ON core_searchentry USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS core_searchentry_vector_gin",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX core_searchentry_terms_gin ON core_searchentry USING GIN (to_tsvector('simple', terms))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_index")]

    operations = [migrations.RunPython(run(POSTGRES_UP), run(POSTGRES_DOWN))]

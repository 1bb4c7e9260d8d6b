"""Full-text index over SearchEntry.terms: FTS5 on SQLite, a GIN expression index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    # External-content FTS5 table kept in sync by triggers; the tokens are already folded and stemmed.
    "CREATE VIRTUAL TABLE core_search_fts USING fts5(terms, content='core_searchentry', content_rowid='id', "
    'tokenize="unicode61 remove_diacritics 2")',
    "CREATE TRIGGER core_search_fts_ai AFTER INSERT ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER core_search_fts_ad AFTER DELETE ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER core_search_fts_au AFTER UPDATE ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO core_search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_search_fts_au",
    "DROP TRIGGER IF EXISTS core_search_fts_ad",
    "DROP TRIGGER IF EXISTS core_search_fts_ai",
    "DROP TABLE IF EXISTS core_search_fts",
]
POSTGRES_UP = [
    "CREATE INDEX core_searchentry_terms_gin ON core_searchentry USING GIN (to_tsvector('simple', terms))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS core_searchentry_terms_gin"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]

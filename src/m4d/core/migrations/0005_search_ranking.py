"""Search ranks titles and names above text (decision 0014): entries gain `title_terms`, indexed as
a second FTS5 column on SQLite and with weight A in PostgreSQL's tsvector; a table of the index's
words feeds "did you mean". Existing entries get their title terms from their stored titles and
their words into the vocabulary; `m4d reindex` adds names (partners, countries) as well."""

from django.db import migrations, models

from m4d.lib.text import search_terms, words

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_search_fts_au",
    "DROP TRIGGER IF EXISTS core_search_fts_ad",
    "DROP TRIGGER IF EXISTS core_search_fts_ai",
    "DROP TABLE IF EXISTS core_search_fts",
]


def sqlite_create(columns):
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    names = ", ".join(columns)
    return [
        f"CREATE VIRTUAL TABLE core_search_fts USING fts5({names}, content='core_searchentry', "
        "content_rowid='id', tokenize=\"unicode61 remove_diacritics 2\")",
        "CREATE TRIGGER core_search_fts_ai AFTER INSERT ON core_searchentry BEGIN "
        f"INSERT INTO core_search_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER core_search_fts_ad AFTER DELETE ON core_searchentry BEGIN "
        f"INSERT INTO core_search_fts(core_search_fts, rowid, {names}) VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER core_search_fts_au AFTER UPDATE ON core_searchentry BEGIN "
        f"INSERT INTO core_search_fts(core_search_fts, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO core_search_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "INSERT INTO core_search_fts(core_search_fts) VALUES ('rebuild')",
    ]


POSTGRES_UP = [
    "DROP INDEX IF EXISTS core_searchentry_vector_gin",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', title_terms), 'A') || to_tsvector('simple', terms)) STORED",
    "CREATE INDEX core_searchentry_vector_gin ON core_searchentry USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS core_searchentry_vector_gin",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "CREATE INDEX core_searchentry_vector_gin ON core_searchentry USING GIN (search_vector)",
]


def execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        execute(schema_editor, SQLITE_DROP)


def fill_and_index(apps, schema_editor):
    entries = apps.get_model("core", "SearchEntry")
    terms = apps.get_model("core", "SearchTerm")
    vocabulary: set[str] = set()
    batch = []
    for entry in entries.objects.only("id", "title_en", "title_fr", "text_en", "text_fr").iterator(
        chunk_size=2000
    ):
        entry.title_terms = search_terms(entry.title_en, entry.title_fr)
        vocabulary.update(
            w
            for text in (entry.title_en, entry.title_fr, entry.text_en, entry.text_fr)
            for w in words(text)
            if len(w) <= 60
        )
        batch.append(entry)
        if len(batch) >= 2000:
            entries.objects.bulk_update(batch, ["title_terms"])
            batch = []
    entries.objects.bulk_update(batch, ["title_terms"])
    terms.objects.bulk_create(
        [terms(term=t) for t in sorted(vocabulary)], batch_size=2000, ignore_conflicts=True
    )
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        execute(schema_editor, sqlite_create(["terms", "title_terms"]))
    elif vendor == "postgresql":
        execute(schema_editor, POSTGRES_UP)


def undo_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        execute(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        execute(schema_editor, POSTGRES_DOWN)


def restore_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        execute(schema_editor, [*SQLITE_DROP, *sqlite_create(["terms"])])


class Migration(migrations.Migration):
    dependencies = [("core", "0004_registry_generation")]

    operations = [
        migrations.RunPython(drop_fts, restore_fts),
        migrations.AddField(
            model_name="searchentry",
            name="title_terms",
            field=models.TextField(blank=True, default="", verbose_name="title and name terms"),
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "term",
                    models.CharField(
                        max_length=60, primary_key=True, serialize=False, verbose_name="term"
                    ),
                ),
            ],
            options={"verbose_name": "search term", "verbose_name_plural": "search terms"},
        ),
        migrations.RunPython(fill_and_index, undo_index),
    ]

"""The database's own full-text index over SearchEntry.tokens.

SQLite: a contentless FTS5 table whose rowid is the article id, kept in step by triggers.
PostgreSQL: a GIN index on to_tsvector('simple', tokens). Other databases: nothing
(search falls back to a substring test on the padded token string).
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='', tokenize='unicode61')",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, tokens) VALUES (new.article_id, new.tokens);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens)
        VALUES ('delete', old.article_id, old.tokens);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens)
        VALUES ('delete', old.article_id, old.tokens);
        INSERT INTO search_fts(rowid, tokens) VALUES (new.article_id, new.tokens);
    END""",
    "INSERT INTO search_fts(rowid, tokens) SELECT article_id, tokens FROM search_searchentry",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE INDEX search_entry_tokens_gin ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, tokens))",
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS search_entry_tokens_gin"]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]

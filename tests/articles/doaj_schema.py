"""DOAJ's article schema (doajArticles.xsd), vendored in tests/fixtures/doaj/ (CI has no
network; see its README for the source URL and commit), and a check against it."""

from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "doaj"
ISO_URL = "http://www.doaj.org/static/doaj/iso_639-2b.xsd"


class LocalSchemas(etree.Resolver):
    """doajArticles.xsd imports the language codes by URL: serve the vendored copy."""

    def resolve(self, url, public_id, context):
        if url == ISO_URL:
            return self.resolve_filename(str(SCHEMAS / "iso_639-2b.xsd"), context)
        return None


def doaj_schema():
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "doajArticles.xsd"), parser))


def valid(xml_bytes):
    tree = etree.fromstring(xml_bytes)
    schema = doaj_schema()
    assert schema.validate(tree), schema.error_log
    return tree

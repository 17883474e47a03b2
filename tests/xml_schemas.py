"""The official schemas the Crossref deposit and the JATS XML are checked against, vendored
in tests/fixtures/crossref/ and tests/fixtures/jats/ (no network in CI; each folder's
SOURCE.md names where the files come from and their licence)."""

from functools import cache
from pathlib import Path

from lxml import etree

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Crossref's schemas import MathML 3 by its W3C URL: the copy in their bundle serves it.
MATHML_URL = "http://www.w3.org/Math/XMLSchema/mathml3/"


class LocalSchemas(etree.Resolver):
    def resolve(self, url, public_id, context):
        if url.startswith(MATHML_URL):
            local = FIXTURES / "crossref" / "standard-modules" / "mathml3" / url.rsplit("/", 1)[1]
            return self.resolve_filename(str(local), context)
        return None


def load(path):
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(path), parser))


@cache
def crossref_schema():
    return load(FIXTURES / "crossref" / "crossref5.3.1.xsd")


@cache
def jats_schema():
    return load(FIXTURES / "jats" / "JATS-journalpublishing1-3-mathml3.xsd")


def valid_crossref(xml_bytes):
    tree = etree.fromstring(xml_bytes)
    schema = crossref_schema()
    assert schema.validate(tree), schema.error_log
    return tree


def valid_jats(xml):
    """``xml``: the bytes of a JATS file, or an <article> element (an oai_jats record)."""
    tree = etree.fromstring(xml) if isinstance(xml, bytes) else xml
    schema = jats_schema()
    assert schema.validate(tree), schema.error_log
    return tree

"""Writing XML with lxml from user text: the one helper every XML output uses (JATS,
OAI-PMH, Crossref, DOAJ)."""

import re

from lxml import etree

# Characters XML 1.0 cannot carry; user text loses them rather than breaking the file.
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value):
    """``value`` as text XML 1.0 can carry."""
    return NOT_XML_RE.sub("", str(value))


def sub(parent, tag, text=None, **attributes):
    """A child element of ``parent``, its text and attribute values cleaned."""
    element = etree.SubElement(parent, tag, {k: clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = clean(text)
    return element

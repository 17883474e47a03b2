"""Reading OAI-PMH responses: requests through the test client, XPath on the parsed XML."""

from lxml import etree

NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Harvest:
    def __init__(self, client):
        self.client = client

    def __call__(self, method="get", **params):
        response = getattr(self.client, method)("/oai/", params)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        return etree.fromstring(response.content)


def xpath(tree, path):
    return tree.xpath(path, namespaces=NS)


def error_code(tree):
    return xpath(tree, "string(/o:OAI-PMH/o:error/@code)")


def identifier_of(article):
    return f"oai:testserver:article/{article.pk}"

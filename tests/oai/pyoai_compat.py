"""pyoai 2.5.0 (the newest on PyPI) calls ``XPathEvaluator.evaluate``, an alias lxml 6
removed (its ``__call__`` is the same method). ``lxml_for_pyoai`` gives pyoai's modules
an ``etree`` whose evaluators have that alias back: pyoai's own code runs unchanged."""

from types import SimpleNamespace

from lxml import etree


class XPathEvaluator:
    def __init__(self, *args, **kwargs):
        self._evaluate = etree.XPathEvaluator(*args, **kwargs)

    def evaluate(self, path, **variables):
        return self._evaluate(path, **variables)

    __call__ = evaluate


def lxml_for_pyoai(monkeypatch):
    import oaipmh.client
    import oaipmh.metadata

    for module in (oaipmh.client, oaipmh.metadata):
        shim = SimpleNamespace(**{name: getattr(etree, name) for name in dir(etree)})
        shim.XPathEvaluator = XPathEvaluator
        monkeypatch.setattr(module, "etree", shim)

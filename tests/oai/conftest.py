import pytest

from tests.oai.responses import Harvest


@pytest.fixture
def harvest(client):
    """harvest(verb=..., ...): the endpoint's answer to a GET (or method="post"), parsed."""
    return Harvest(client)

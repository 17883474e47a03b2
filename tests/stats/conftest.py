import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Double-click and session marks live in the cache; each test starts without any."""
    cache.clear()
    yield
    cache.clear()

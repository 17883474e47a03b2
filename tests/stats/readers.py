"""Request headers of the readers the statistics tests count."""

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def reader(n=1):
    """Request headers of the n-th human reader (its own address)."""
    return {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": f"203.0.113.{n}"}

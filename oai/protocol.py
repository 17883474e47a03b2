"""OAI-PMH 2.0 request rules: verbs, arguments, dates and resumption tokens.

Everything here is plain Python on the request's arguments; a broken request
raises ``OAIError`` with one of the spec's error codes (OAI-8), which the view
turns into an ``<error>`` element of a normal 200 response (OAI-1).
"""

import re
from datetime import UTC, datetime, timedelta

from django.core import signing

DAY = "YYYY-MM-DD"
SECOND = "YYYY-MM-DDThh:mm:ssZ"
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# URI unreserved characters, ":" separating the levels of the hierarchy (OAI-11).
SET_SPEC_RE = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")

LIST_ARGUMENTS = {"required": {"metadataPrefix"}, "optional": {"from", "until", "set"}}
VERBS = {
    "Identify": {"required": set(), "optional": set()},
    "ListMetadataFormats": {"required": set(), "optional": {"identifier"}},
    "ListSets": {"required": set(), "optional": set(), "exclusive": "resumptionToken"},
    "GetRecord": {"required": {"identifier", "metadataPrefix"}, "optional": set()},
    "ListIdentifiers": {**LIST_ARGUMENTS, "exclusive": "resumptionToken"},
    "ListRecords": {**LIST_ARGUMENTS, "exclusive": "resumptionToken"},
}
TOKEN_SALT = "oai.resumption"


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def parse_arguments(query):
    """(verb, {argument: value}) from a QueryDict, or OAIError(badVerb/badArgument)."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        if len(verbs) > 1:
            raise OAIError("badVerb", "The verb argument is repeated.")
        if not verbs:
            raise OAIError("badVerb", "The verb argument is missing.")
        raise OAIError("badVerb", "The value of the verb argument is not a legal OAI-PMH verb.")
    verb = verbs[0]
    rules = VERBS[verb]
    arguments = {}
    for key in query:
        if key == "verb":
            continue
        values = query.getlist(key)
        if len(values) > 1:
            raise OAIError("badArgument", f"The argument {key} is repeated.")
        arguments[key] = values[0]
    allowed = rules["required"] | rules["optional"] | ({rules.get("exclusive")} - {None})
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise OAIError("badArgument", f"Illegal argument for {verb}: {', '.join(unknown)}.")
    exclusive = rules.get("exclusive")
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", f"{exclusive} is an exclusive argument.")
        return verb, arguments
    missing = sorted(rules["required"] - set(arguments))
    if missing:
        raise OAIError("badArgument", f"Missing required argument: {', '.join(missing)}.")
    return verb, arguments


def parse_datestamp(value, name):
    """(datetime in UTC, granularity) of a from/until argument (OAI-5)."""
    try:
        if DAY_RE.match(value):
            return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC), DAY
        if SECOND_RE.match(value):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), SECOND
    except ValueError:
        pass
    raise OAIError("badArgument", f"The {name} argument is not a valid UTC datestamp.")


def date_range(arguments):
    """(from, until-exclusive) datetimes, either may be None; inclusive bounds per the spec."""
    start = end = None
    granularities = set()
    if "from" in arguments:
        start, granularity = parse_datestamp(arguments["from"], "from")
        granularities.add(granularity)
    if "until" in arguments:
        until, granularity = parse_datestamp(arguments["until"], "until")
        granularities.add(granularity)
        # Datestamps are shown to the second: "until" includes its whole day or second.
        end = until + (timedelta(days=1) if granularity == DAY else timedelta(seconds=1))
    if len(granularities) > 1:
        raise OAIError("badArgument", "from and until have different granularities.")
    if start and end and start >= end:
        raise OAIError("badArgument", "from is later than until.")
    return start, end


def format_datestamp(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_token(*, verb, arguments, after, cursor):
    """A stateless, signed token: the original arguments and the keyset position.

    ``after`` is the (datestamp, id) of the last record sent, so records added
    while a harvest runs never shift the pages that follow (OAI-7).
    """
    datestamp, pk = after
    return signing.dumps(
        {"v": verb, "a": arguments, "d": datestamp.isoformat(), "i": pk, "c": cursor},
        salt=TOKEN_SALT,
        compress=True,
    )


def read_token(token, verb):
    """(arguments, (datestamp, id), cursor) of a token this endpoint issued for ``verb``."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        if data["v"] != verb:
            raise ValueError("token of another verb")
        after = (datetime.fromisoformat(data["d"]), int(data["i"]))
        arguments, cursor = dict(data["a"]), int(data["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise OAIError(
            "badResumptionToken", "The resumptionToken is invalid or has expired."
        ) from error
    return arguments, after, cursor

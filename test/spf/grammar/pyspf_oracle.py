"""check_host() by pyspf (Debian's python3-spf) for the SPF grammar differential test.

Reads one JSON object per line on stdin, {"record", "ip", "sender", "helo", "fixes"}, evaluates the
record in the DNS universe given as JSON in argv[1] (test/spf/grammar/universe.ts: every name that
could exist answers; the record under test is the TXT at universe["domain"]), and writes one JSON
line back: {"result": "pass|fail|…", "reason": "…"}. No network: pyspf's DNS lookup is replaced.

"fixes" names corrections of pyspf's known departures from RFC 7208 (test/spf/grammar/pyspf-wrong.ts)
to apply for this one evaluation: the test re-runs a disagreeing record with them to show which known
departure, and nothing else, explains the disagreement. Stock pyspf runs with none.
"""
import json
import re
import sys

import spf

UNIVERSE = json.loads(sys.argv[1])
current = {"record": ""}
TOPLABEL = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9]", re.IGNORECASE | re.ASCII)


def can_exist(owner):
    """universe.ts canExist: names that could be published answer, the rest are NXDOMAIN."""
    labels = owner.split(".")
    return (
        len(owner) <= 253
        and len(labels) >= 2
        and all(0 < len(label.encode("utf-8", "surrogatepass")) <= 63 for label in labels)
        and TOPLABEL.fullmatch(labels[-1]) is not None
    )


def lookup(name, qtype, strict=True, timeout=None, level=0):
    owner = str(name)
    owner = (owner[:-1] if owner.endswith(".") else owner).lower()
    if not can_exist(owner):
        return []
    if qtype == "TXT":
        text = current["record"] if owner == UNIVERSE["domain"] else UNIVERSE["txt"]
        return [((name, "TXT"), [text.encode("utf-8", "surrogatepass")])]
    answers = {
        "A": UNIVERSE["a"],
        "AAAA": UNIVERSE["aaaa"],
        "MX": (10, UNIVERSE["mx"]),
        "PTR": UNIVERSE["ptr"],
    }
    return [((name, qtype), answers[qtype])] if qtype in answers else []


spf.DNSLookup = lookup

# The stock values the fixes replace, to restore them after each evaluation.
STOCK = {"RE_ARGS": spf.RE_ARGS, "JOINERS": dict(spf.JOINERS), "RE_INVALID_MACRO": spf.RE_INVALID_MACRO}
stock_dns = spf.query.dns


def dns_without_impossible(self, name, qtype, cnames=None, ignore_void=False):
    """A name that cannot exist is never sent, so never a void lookup (as pyspf already does for empty labels)."""
    owner = str(name)
    owner = (owner[:-1] if owner.endswith(".") else owner).lower()
    if not can_exist(owner):
        return []
    return stock_dns(self, name, qtype, cnames=cnames, ignore_void=ignore_void)


FIXES = {
    # RFC 5234 section 2.3: the "r" transformer is case-insensitive.
    "upper-r": lambda: setattr(spf, "RE_ARGS", re.compile(r"([0-9]*)([rR]?)([^0-9a-zA-Z]*)")),
    # RFC 7208 section 7.3: parts are rejoined with "." whatever the delimiters.
    "rejoin-dot": lambda: spf.JOINERS.update({letter: "." for letter in "slodiphcrtv"}),
    # RFC 7208 section 7.1: a domain-spec may end in "%%" (pyspf reads its last "%" as a lone one).
    "percent-end": lambda: setattr(spf, "RE_INVALID_MACRO", re.compile(r"(?<!%)%[^{%_-]|(?<!%)(?:%%)*%$")),
    # RFC 7208 section 4.3, 4.6.4: names that cannot exist are not queried, so not void.
    "no-impossible-query": lambda: setattr(spf.query, "dns", dns_without_impossible),
}


def restore():
    spf.RE_ARGS = STOCK["RE_ARGS"]
    spf.JOINERS.clear()
    spf.JOINERS.update(STOCK["JOINERS"])
    spf.RE_INVALID_MACRO = STOCK["RE_INVALID_MACRO"]
    spf.query.dns = stock_dns


for line in sys.stdin:
    request = json.loads(line)
    current["record"] = request["record"]
    for fix in request.get("fixes", []):
        FIXES[fix]()
    try:
        query = spf.query(
            request["ip"], request["sender"], request["helo"], strict=True, receiver=UNIVERSE["receiver"]
        )
        result, _code, reason = query.check()
    except Exception as error:  # a crash is an answer too: the test reports it
        result, reason = "exception", repr(error)
    restore()
    sys.stdout.write(json.dumps({"result": result, "reason": str(reason)}) + "\n")
    sys.stdout.flush()

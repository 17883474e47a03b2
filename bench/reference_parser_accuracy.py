"""Share of fields the reference paste parser gets right on the labelled corpus.

Run from the repository root: python bench/reference_parser_accuracy.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.reference_parser import parse_reference  # noqa: E402
from tests.articles.reference_corpus import CORPUS, FIELDS, expected_value  # noqa: E402


def main():
    right = dict.fromkeys(FIELDS, 0)
    misses = []
    for text, expected in CORPUS:
        parsed = parse_reference(text)
        for name in FIELDS:
            want, got = expected_value(expected, name), getattr(parsed, name)
            if want == got:
                right[name] += 1
            else:
                misses.append((name, text[:60], want, got))
    total = len(CORPUS)
    print(f"{len(CORPUS)} references, {len(FIELDS)} fields each\n")
    print(f"| {'field':<16}| correct | share  |")
    print(f"|{'-' * 17}|---------|--------|")
    for name in FIELDS:
        print(f"| {name:<16}| {right[name]:>3}/{total:<3} | {right[name] / total:6.1%} |")
    overall, cells = sum(right.values()), total * len(FIELDS)
    print(f"| {'overall':<16}| {overall:>3}/{cells:<3} | {overall / cells:6.1%} |")
    if "-v" in sys.argv:
        for miss in misses:
            print(*miss, sep="\n    ", end="\n\n")


if __name__ == "__main__":
    main()

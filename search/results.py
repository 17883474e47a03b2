"""One result as the page shows it: titles, authors and an abstract snippet, highlighted."""

from dataclasses import dataclass

from scholarly.languages import current_language, other_language, script_language
from scholarly.richtext import plain_text
from search.highlight import highlight, snippet


@dataclass
class Result:
    article: object
    title: str
    translated_title: str
    authors: list  # [(safe html, language)]
    snippet: str
    snippet_language: str


def build_result(article, pattern):
    interface = current_language()
    abstracts = [
        (language, text)
        for language in (interface, other_language(interface))
        if (text := plain_text(article.abstract_in(language)))
    ]
    # The abstract that holds a match, the interface language first.
    chosen = next(
        ((language, text) for language, text in abstracts if pattern and pattern.search(text)),
        abstracts[0] if abstracts else (interface, ""),
    )
    authors = []
    for author in article.authors.all():
        name = author.name_in(interface)
        authors.append((highlight(name, pattern), script_language(name)))
    return Result(
        article=article,
        title=highlight(article.original_title, pattern),
        translated_title=highlight(article.translated_title, pattern),
        authors=authors,
        snippet=snippet(chosen[1], pattern),
        snippet_language=chosen[0],
    )

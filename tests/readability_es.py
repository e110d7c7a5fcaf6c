"""Readability of the built Spanish pages: INFLESZ and Fernández-Huerta, with a real syllable count.

Prose is chosen as for the English (readability.py: paragraphs, list items
and table cells; headings, citation numbers and source lists left out).

- INFLESZ (Szigriszt-Pazos, 1993; the INFLESZ scale of Barrio-Cantalejo,
  2008): 206.835 - 62.3 * syllables/words - words/sentences. 65 and over
  is "bastante fácil" (fairly easy) or easier.
- Fernández-Huerta (1959, as corrected by Law, 2011):
  206.84 - 60 * syllables/words - 1.02 * words/sentences.

Syllables come from pylabeador, which syllabifies by the Spanish rules
(hiatus and diphthongs: "dí-a", "le-er", "cui-da-do"). textstat's Spanish
count uses hyphenation rules instead, which never split a final vowel
("día" is one syllable), and would flatter every page.

    python tests/readability_es.py site/es
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pylabeador
from bs4 import BeautifulSoup

from patient_site.page_map import built_pages
from readability import prose_blocks, sentences

# Words are runs of letters (any alphabet) with inner apostrophes or hyphens.
# Numbers ("24", "2026") are left out of both counts: a syllable count for
# digits would have to spell the number out, which no syllabifier does.
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@lru_cache(maxsize=None)
def syllables(word: str) -> int:
    """Spanish syllables in one word; "días" is 2, "tratamiento" 4."""
    if word.isupper() and len(word) <= 5:
        # An abbreviation, read letter by letter ("FDA": efe-de-a): a syllable a letter, at least.
        return len(word)
    total = 0
    for part in re.split(r"['’\-]", word):
        try:
            total += len(pylabeador.syllabify(part.lower()))
        except Exception:
            # pylabeador refuses letters that cannot form a Spanish syllable
            # (some foreign names): one syllable per vowel group, at least one.
            total += max(1, len(re.findall(r"[aeiouáéíóúü]+|[^aeiouáéíóúü]+$", part.lower())))
    return total


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# For sentence length, numbers count as words: "2 o 3 días" is four.
_WORD_OR_NUMBER = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")


def sentence_length(sentence: str) -> int:
    return len(_WORD_OR_NUMBER.findall(sentence))


@dataclass
class SpanishScore:
    url: str
    words: int
    syllables: int
    sentences: int
    longest_sentence: str

    @property
    def inflesz(self) -> float:
        return round(206.835 - 62.3 * self.syllables / self.words - self.words / self.sentences, 1)

    @property
    def fernandez_huerta(self) -> float:
        return round(206.84 - 60 * self.syllables / self.words - 1.02 * self.words / self.sentences, 1)

    @property
    def longest_sentence_words(self) -> int:
        return sentence_length(self.longest_sentence)


def score(url: str, soup: BeautifulSoup) -> SpanishScore:
    all_sentences = sentences(prose_blocks(soup))
    found = [word for sentence in all_sentences for word in words(sentence)]
    return SpanishScore(url=url, words=len(found), syllables=sum(syllables(w) for w in found),
                        sentences=len(all_sentences),
                        longest_sentence=max(all_sentences, key=sentence_length, default=""))


def main(site_dir: str) -> None:
    print("| Page | Words | INFLESZ | Fernández-Huerta | Longest sentence (words) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for url, path in built_pages(Path(site_dir)).items():
        row = score(url, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        print(f"| /es/{row.url} | {row.words} | {row.inflesz} | {row.fernandez_huerta} | {row.longest_sentence_words} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site/es")

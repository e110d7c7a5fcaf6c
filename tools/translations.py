"""Spanish pages that are out of step with their English (patient_site/translations.py).

    python tools/translations.py                        # list them, with how the English changed
    python tools/translations.py --mark docs/es/about.md   # record the English as it is now

Exit status 1 when a page is out of date or has no record.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from patient_site.translations import mark, report, translations

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    parser.add_argument("--mark", nargs="+", metavar="PAGE", help="Spanish pages to record as in step")
    args = parser.parse_args(argv)
    if args.mark:
        for page in args.mark:
            if not (args.root / page).is_file():
                print(f"PAGE: '{page}' is not a file; name a Spanish page, as in PAGE=docs/es/about.md",
                      file=sys.stderr)
                return 2
            print(mark(args.root, page))
        return 0
    found, problems = translations(args.root)
    stale = [translation for translation in found if not translation.up_to_date]
    if stale:
        print(report(args.root, stale))
    else:
        print(f"All {len(found)} Spanish pages are in step with their English.")
    if problems:
        print("\n".join(problems), file=sys.stderr)
    return 1 if stale or problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""List the pages whose next review is overdue or due soon.

    make reviews                      # today, 60 days ahead
    make reviews TODAY=2027-04-01     # as if it were that day
    python tools/reviews.py docs --today 2027-04-01 --within 60

Spanish pages whose English changed since they were translated are listed
too (patient_site/translations.py), each with the English lines that changed
since, and so are pages changed since a
clinician signed them off (patient_site/sign_off.py), each with what changed
line by line. Run it with the settings of the build it is about. Reads each page's front matter the way the build does (the same checks, in
patient_site/front_matter.py), so a page the build would refuse is
reported here too. Exit status: 0 when it could read every page, 1 when a
page's front matter is wrong. Pages due are listed, soonest first; the exit
status does not depend on them, so editors can run it any time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from edition import EDITION_CONFIGS, load_edition
from patient_site import sign_off
from patient_site.front_matter import check_page
from patient_site.translations import report as translation_report
from patient_site.translations import translations

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Due:
    path: str
    title: str
    last_reviewed: dt.date
    next_review: dt.date

    def status(self, today: dt.date) -> str:
        days = (self.next_review - today).days
        if days < 0:
            return f"OVERDUE by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "DUE today"
        return f"due in {days} day{'s' if days != 1 else ''}"


def pages_due(docs: Path, today: dt.date, within_days: int) -> tuple[list[Due], list[str]]:
    """Pages with next_review before today + within_days, and any problems."""
    limit = today + dt.timedelta(days=within_days)
    due, problems = [], []
    for file in sorted(docs.rglob("*.md")):
        path = file.relative_to(docs.parent).as_posix()
        meta, page_problems = check_page(path, file.read_text(encoding="utf-8"))
        if page_problems:
            problems += page_problems
            continue
        if meta["next_review"] <= limit:
            due.append(Due(path, meta["title"], meta["last_reviewed"], meta["next_review"]))
    due.sort(key=lambda page: (page.next_review, page.path))
    return due, problems


def report(due: list[Due], today: dt.date, within_days: int) -> str:
    limit = today + dt.timedelta(days=within_days)
    if not due:
        return f"No page is due for review by {limit.isoformat()} ({within_days} days from {today.isoformat()})."
    lines = [f"{len(due)} page{'s' if len(due) != 1 else ''} due for review by {limit.isoformat()} "
             f"({within_days} days from {today.isoformat()}):"]
    width = max(len(page.path) for page in due)
    for page in due:
        lines.append(f"  {page.path:<{width}}  next review {page.next_review.isoformat()}  "
                     f"{page.status(today):<18}  last reviewed {page.last_reviewed.isoformat()}  {page.title}")
    return "\n".join(lines)


def sign_off_report(root: Path, lines_shown: int = 40) -> tuple[str, list[str]]:
    """Pages changed since their sign-off, with the change; how many are unchanged or never signed; problems."""
    records, problems = sign_off.read_records(root)
    counts = {"checked": 0, "changed": 0, "unchecked": 0}
    changed = []
    for config_file in EDITION_CONFIGS.values():
        if not (root / config_file).is_file():  # a folder of pages alone has no edition to sign
            continue
        edition = load_edition(config_file, root)
        for page in edition.pages:
            text = edition.reader.text(page)
            found = sign_off.status(page, text, records.get(page))
            counts[found.state] += 1
            if found.state == "changed":
                diff = sign_off.changes(found.record, text)
                more = [f"    ... and {len(diff) - lines_shown} more lines"] if len(diff) > lines_shown else []
                changed.append(f"{page} changed since {found.record.name} signed it off on {found.record.date} "
                               f"(- as signed, + now):\n" + "\n".join(f"    {line}" for line in diff[:lines_shown] + more))
    summary = (f"Sign-offs: {counts['checked']} page{'s' if counts['checked'] != 1 else ''} checked and unchanged, "
               f"{counts['changed']} changed since signed, {counts['unchecked']} "
               f"never signed.")
    if changed:
        summary += ("\n" + "\n".join(changed) + "\nHave each checked again, then record it: "
                    "`make signed PAGE=...` (or a new review pack and `make signed PACK=...`).")
    return summary, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=ROOT / "docs", help="the folder of pages")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date to count from, YYYY-MM-DD (default: today)")
    parser.add_argument("--within", type=int, default=60, metavar="DAYS",
                        help="also list pages due within this many days (default: 60)")
    args = parser.parse_args(argv)
    due, problems = pages_due(args.docs, args.today, args.within)
    print(report(due, args.today, args.within))
    # Spanish pages whose English changed since they were translated: due for translation.
    found, translation_problems = translations(args.docs.parent)
    stale = [translation for translation in found if not translation.up_to_date]
    if stale:
        print(f"\n{len(stale)} Spanish page{'s' if len(stale) != 1 else ''} out of step with the English:")
        print(translation_report(args.docs.parent, stale))
    problems += translation_problems
    signed, sign_off_problems = sign_off_report(args.docs.resolve().parent)
    print("\n" + signed)
    problems += sign_off_problems
    if problems:
        print("Problems:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

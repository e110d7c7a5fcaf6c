"""`make signed`: record that a clinician checked pages, with the exact text they read.

    make signed PAGE=docs/handout.md                      # the reviewer in the settings (REVIEWER_NAME ...)
    make signed PAGE="docs/handout.md docs/care.md" REVIEWER="Dr Jane Lee" ROLE="Consultant dermatologist"
    make signed PAGE=docs                                 # every English page
    make signed PAGE=docs/es REVIEWER="Dra. Ana López"    # every Spanish page (REVIEWER_NAME_ES by default)
    make signed PACK=dist/review-pack-versions.txt        # the pages of a signed review pack

Run it after the clinician has signed the review pack. Each page's record
goes in sign-offs/ (patient_site/sign_off.py); commit it. With PACK, each
page is recorded only if its text is still the version printed in the pack
(a page changed since has to be checked again). Exit status 1, with one line
per problem, when nothing could be recorded for a page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

from edition import ROOT, Edition, edition_of, load_edition
from patient_site import sign_off


def pages_named(root: Path, names: list[str]) -> tuple[list[str], list[str]]:
    """Page files from names: a page ("docs/about.md"), or a folder for all its edition's pages ("docs", "docs/es")."""
    pages, problems = [], []
    for name in names:
        name = name.rstrip("/")
        if name in ("docs", "docs/es"):
            pages += load_edition(edition_of(name + "/"), root).pages
        elif (root / name).is_file() and name.startswith("docs/") and name.endswith(".md"):
            pages.append(name)
        else:
            problems.append(f"PAGE: {name!r} is not a page; name one like docs/handout.md, or docs (every English "
                            f"page) or docs/es (every Spanish page)")
    return list(dict.fromkeys(pages)), problems


def pack_versions(pack: Path) -> tuple[dict[str, str], list[str]]:
    """The page and version lines `make review-pack` wrote beside the pack ("docs/about.md 0123456789abcdef")."""
    if not pack.is_file():
        return {}, [f"PACK: {pack} does not exist; `make review-pack` writes it beside the pack"]
    versions, problems = {}, []
    for number, line in enumerate(pack.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            parts = line.split()
            if len(parts) != 2:
                problems.append(f"{pack} line {number}: expected 'page version', found {line!r}")
            else:
                versions[parts[0]] = parts[1]
    return versions, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages, or docs / docs/es for every page of an edition")
    parser.add_argument("--pack", type=Path, help="the versions file of a signed review pack")
    parser.add_argument("--reviewer", default="", help="name (default: REVIEWER_NAME, or REVIEWER_NAME_ES)")
    parser.add_argument("--role", default="", help="role (default: REVIEWER_ROLE, when the name is the default)")
    parser.add_argument("--registration", default="", help="registration number (default: REVIEWER_REGISTRATION)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the day the clinician signed, YYYY-MM-DD (default: today)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    pages, problems = pages_named(root, args.pages)
    versions: dict[str, str] = {}
    if args.pack:
        versions, pack_problems = pack_versions(args.pack)
        problems += pack_problems
        pages += [page for page in versions if page not in pages]
    if not pages and not problems:
        problems.append("PAGE: name the pages the clinician signed, as in PAGE=docs/handout.md, or give PACK=")
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    editions: dict[str, Edition] = {}
    for page in pages:
        if edition_of(page) not in editions:
            editions[edition_of(page)] = load_edition(edition_of(page), root)
        edition = editions[edition_of(page)]
        reviewer = edition.settings["reviewer"]
        name = args.reviewer or reviewer["name"]
        variable = "REVIEWER_NAME_ES" if edition.language == "es" else "REVIEWER_NAME"
        if not name:
            problems.append(f"{page}: no reviewer; give REVIEWER=\"Dr ...\" or set {variable}")
            continue
        same_person = not args.reviewer or args.reviewer == reviewer["name"]
        role = args.role or (reviewer["role"] if same_person else "")
        registration = args.registration or (reviewer["registration"] if same_person else "")
        text = edition.reader.text(page)
        if page in versions and versions[page] != sign_off.fingerprint(text):
            problems.append(f"{page}: changed since the review pack was printed (pack {versions[page]}, now "
                            f"{sign_off.fingerprint(text)}); print a new pack and have it checked again")
            continue
        record = sign_off.write_record(root, page, text, name, role, registration, args.date, commit)
        print(f"{page}: signed by {record.who()} on {record.date}, version {record.fingerprint} "
              f"-> {sign_off.record_file(root, page).relative_to(root)}")
    if problems:
        print("Not recorded:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("Commit sign-offs/ so the published site says who checked each page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

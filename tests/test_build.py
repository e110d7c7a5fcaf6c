"""The strict build passes, builds every page, and asks no other host for anything."""

import fcntl
import re
import subprocess
import sys

from conftest import PAGE_FILES, ROOT, clean_environment, mkdocs_build

# Elements that make the browser fetch something as the page loads.
FETCHING = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


def test_strict_build_passes_without_warnings(build):
    result, _ = build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_every_page_in_docs_is_built(pages):
    assert set(pages) == set(PAGE_FILES)


def test_pages_load_nothing_from_other_hosts(pages):
    """No fonts, scripts or styles from a CDN or Google Fonts: patients' visits stay private."""
    offenders = []
    for url, soup in pages.items():
        for tag, attribute in FETCHING.items():
            for element in soup.find_all(tag):
                target = element.get(attribute, "")
                if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload", "preconnect"} & set(element.get("rel", [])):
                    continue
                if re.match(r"^(https?:)?//", target):
                    offenders.append(f"/{url}: <{tag} {attribute}={target}>")
    assert not offenders, "\n".join(offenders)


def test_scripts_wait_for_the_page_and_exist(pages, site_dir):
    """Every script file is deferred (the text is drawn first: BENCHMARKS.md), and is in the site.

    overrides/main.html names Material's bundle itself, to add `defer`: after a
    Material update that name must follow Material's own base.html.
    """
    for url, soup in pages.items():
        for script in soup.find_all("script", src=True):
            assert script.has_attr("defer"), f"/{url}: {script} is not deferred"
            assert (site_dir / url / script["src"]).resolve().is_file(), f"/{url}: {script['src']} is not in the site"


def test_stylesheets_load_no_web_fonts(site_dir):
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, css


def test_a_half_written_cache_is_a_miss_not_a_crash(project_copy, tmp_path):
    """A build stopped while writing .cache/ must not break every later build."""
    first = mkdocs_build(project_copy, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    cached = list((project_copy / ".cache" / "theme-css").glob("*.json"))
    assert cached, "the theme-CSS step left no cache to break"
    for path in cached:
        path.write_text(path.read_text(encoding="utf-8")[:100], encoding="utf-8")
    second = mkdocs_build(project_copy, tmp_path / "second")
    assert second.returncode == 0, second.stderr
    for css in (tmp_path / "first").rglob("*.css"):
        assert (tmp_path / "second" / css.relative_to(tmp_path / "first")).read_bytes() == css.read_bytes()


def test_a_cache_folder_that_is_a_file_is_built_around(project_copy, tmp_path):
    """.cache/ that cannot be used (here a plain file) slows a build, and stops nothing."""
    (project_copy / ".cache").write_text("not a folder", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "Compiled templates are not kept" in result.stderr and "Trimmed stylesheets are not kept" in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_file_the_build_cannot_write_is_named_not_a_traceback(tmp_path):
    """As with a read-only site/: here the Spanish build finds a folder where the headers file goes."""
    (tmp_path / "site" / "_headers").mkdir(parents=True)
    (tmp_path / "site" / "404.html").write_text("<!doctype html><title>English</title>", encoding="utf-8")
    result = mkdocs_build(ROOT, tmp_path / "site" / "es", config="mkdocs.es.yml")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert re.search(r"site/_headers: the build cannot write it \(Is a directory\); make .*site writable, or build "
                     r"into another folder", result.stderr), result.stderr


def test_a_second_build_waits_for_the_first(project_copy, tmp_path):
    """Two builds into one site/ at once clobbered each other; now the second waits, then builds."""
    lock = project_copy / ".cache" / "build.lock"
    lock.parent.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "left-by-the-first-build.txt").write_text("x", encoding="utf-8")
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a first build, as far as the second can tell
        second = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                  cwd=project_copy, env={**clean_environment(), "NO_MKDOCS_2_WARNING": "1"},
                                  stderr=subprocess.PIPE, text=True)
        said = ""
        while "waiting for it to finish" not in said:
            line = second.stderr.readline()
            assert line, f"the second build did not wait: {said}"
            said += line
        # It has not started writing: the first build's files are untouched.
        assert (site / "left-by-the-first-build.txt").exists() and not (site / "index.html").exists()
    _, rest = second.communicate(timeout=300)
    assert second.returncode == 0 and "Traceback" not in rest, said + rest
    assert (site / "index.html").is_file()


def test_make_clean_removes_the_caches():
    result = subprocess.run(["make", "--no-print-directory", "-n", "clean"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and re.search(r"^rm -rf .*(?<!\S)\.cache(?!\S)", result.stdout, re.M), result.stdout

"""How `make bench` (tools/bench.py) reads several Lighthouse runs of a page.

The benchmark itself times things, so `make test` never runs it; this checks
only its arithmetic: which run is the median, and which budgets a row misses.
"""

from __future__ import annotations

import bench


def run(performance: int, tbt: float = 0, cls: float = 0.0, seo: int = 100) -> dict:
    return {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": seo,
            "lighthouse_kib": 70.0, "fcp_s": 1.0, "lcp_s": 1.2, "tbt_ms": tbt, "cls": cls}


def test_the_row_is_the_median_run_and_keeps_the_lowest_score():
    row = bench.page_row([run(100, tbt=10), run(97, tbt=120), run(100, tbt=40)], gzip_bytes=60 * 1024)
    assert (row["performance"], row["tbt_ms"]) == (100, 40)
    assert row["lowest"]["performance"] == 97
    assert row["runs"] == 3 and row["gzip_kib"] == 60


def test_one_run_below_100_of_three_passes_two_do_not():
    assert not bench.misses("questions/", bench.page_row([run(100), run(99), run(100)], 60 * 1024))
    found = bench.misses("questions/", bench.page_row([run(99), run(98), run(100)], 60 * 1024))
    assert found == ["/questions/: performance 99 (median of 3)"]


def test_other_scores_and_layout_shift_count_in_every_run():
    found = bench.misses("about/", bench.page_row([run(100), run(100, cls=0.01), run(100, seo=92)], 60 * 1024))
    assert found == ["/about/: seo 92", "/about/: CLS 0.010"]


def test_first_view_over_budget_is_a_miss():
    found = bench.misses("", bench.page_row([run(100)], int(75.5 * 1024)))
    assert found == ["/: first view 75.5 KiB"]

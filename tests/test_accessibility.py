"""No serious or critical axe-core violation on the pages a reader opens first: home, an
article, a person, a place, the timeline, the topics index, a topic and the quotes, at
desktop and phone widths. axe-core is the npm registry's (scripts/test.sh installs it),
injected into Debian's chromium; nothing is downloaded here."""

from __future__ import annotations

from pathlib import Path

import pytest

from axe import audit, audited_pages, require_axe, table


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_serious_or_critical_axe_violation(built_project: Path, viewport: str) -> None:
    require_axe()
    site = built_project / "site"
    found = audit(site, viewport=viewport)
    assert set(found) == set(audited_pages(site))
    assert all(v == [] for v in found.values()), "\n" + table(found)


def test_the_audit_sees_a_violation_when_there_is_one(built_project: Path, tmp_path: Path) -> None:
    """The audit itself must report an unnamed dialog and a colour-only link, or the test
    above proves nothing."""
    require_axe()
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><main>'
        '<div role="dialog">search</div><p style="color:#000">Some text with '
        '<a href="#" style="color:#222;text-decoration:none">a link</a> inside it.</p></main></body></html>',
        encoding="utf-8")
    found = audit(tmp_path, {"bad": "bad.html"})
    assert {"aria-dialog-name", "link-in-text-block"} <= {v["id"] for v in found["bad"]}

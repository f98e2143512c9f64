"""./mobility demo as a user runs it: its JSON report says every step registered and pings were answered."""
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the demo creates network namespaces: needs root")


def test_demo_walks_the_test_bed_and_reports_each_step(tmp_path):
    before = set(subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split())
    r = subprocess.run([str(ROOT / "mobility"), "demo", "--dwell", "2", "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "== visitnet2 ==" in r.stdout and "report:" in r.stdout
    report = json.loads((tmp_path / "demo-report.json").read_text())
    assert [s["location"] for s in report["steps"]] == ["home", "visit", "visit2", "home"]
    for step in report["steps"]:
        assert step["registered"], step
        bc, bul = step["binding_cache"], step["binding_update_list"]
        if step["location"] == "home":
            assert bc["count"] == 0 and bul["count"] == 0
        else:
            prefix = "2001:db8:1100:" if step["location"] == "visit" else "2001:db8:1000:"
            assert bc["bindings"][0]["care_of_address"].startswith(prefix)
            assert bul["entries"][0]["care_of_address"] == bc["bindings"][0]["care_of_address"]
            assert bul["entries"][0]["state"] == "registered"
        assert step["pings_answered"] > 0, step
        if step["move"]:
            assert step["handover_ms"] is not None
    svg = (tmp_path / "demo-timeline.svg").read_text()
    assert svg.startswith("<svg") and "visitnet2" in svg
    after = set(subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split())
    assert not {n for n in after - before if n.startswith(report["test_bed"])}, "the demo left namespaces behind"

"""Shared helpers for the end-to-end tests: run ./mobility as a person or a script would."""
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MOBILITY = str(ROOT / "mobility")


def mobility(*args, conf=None, timeout=120, env=None):
    """Runs ./mobility with the given arguments; returns the CompletedProcess (text)."""
    cmd = [MOBILITY]
    if conf is not None:
        cmd += ["--conf", str(conf)]
    cmd += list(args)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def mip_json(command, conf):
    """Runs one `mip:` command with --json in a fresh container and returns the parsed document."""
    r = mobility("-c", command + " --json", conf=conf)
    assert r.returncode == 0, f"{command} failed ({r.returncode}): {r.stderr}"
    return json.loads(r.stdout)


def make_bundle(path: Path, bsn: str, version: str = "1.0.0"):
    """Writes a minimal but real OSGi bundle (manifest only) to path."""
    manifest = (
        "Manifest-Version: 1.0\r\n"
        "Bundle-ManifestVersion: 2\r\n"
        f"Bundle-SymbolicName: {bsn}\r\n"
        f"Bundle-Version: {version}\r\n"
        "\r\n"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", manifest)
    return path


@pytest.fixture
def conf(tmp_path):
    """A fresh watched folder (and, next to it, its state folder) for one container."""
    d = tmp_path / "load"
    d.mkdir()
    return d

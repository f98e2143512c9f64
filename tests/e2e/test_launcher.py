"""./mobility as the one entry point: one-shot commands, exit status, the watched folder, side-by-side containers."""
import concurrent.futures
import json

from conftest import make_bundle, mip_json, mobility


def test_one_shot_command_prints_status_and_exits_zero(conf):
    r = mobility("-c", "mip:status", conf=conf)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Mobile IPv6 platform ")
    assert "mobility.shell" in r.stdout


def test_json_status_is_one_document(conf):
    status = mip_json("mip:status", conf)
    assert status["product"] == "Mobile IPv6 platform"
    names = {b["name"]: b["state"] for b in status["bundles"]}
    assert names["mobility.api"] == "ACTIVE"
    assert names["mobility.shell"] == "ACTIVE"


def test_failing_command_gives_non_zero_exit_and_error_on_stderr(conf):
    r = mobility("-c", "mip:nosuchcommand", conf=conf)
    assert r.returncode != 0
    assert "mip:nosuchcommand" in r.stderr
    assert r.stdout.strip() == ""


def test_configuration_file_in_watched_folder_configures_the_node(conf):
    (conf / "mobility.node.cfg").write_text("name = edge-router-7\n")
    assert mip_json("mip:status", conf)["node"] == "edge-router-7"


def test_bundle_jar_in_watched_folder_is_installed_and_started(conf):
    make_bundle(conf / "dropped.jar", "example.dropped")
    r = mobility("-c", "lb -s example.dropped", conf=conf)
    assert r.returncode == 0, r.stderr
    line = [l for l in r.stdout.splitlines() if "example.dropped" in l]
    assert line and "Active" in line[0], r.stdout


def test_containers_side_by_side_keep_their_own_configuration_and_state(tmp_path):
    confs = []
    for name in ("ha", "mn", "cn"):
        d = tmp_path / name
        d.mkdir()
        (d / "mobility.node.cfg").write_text(f"name = {name}\n")
        confs.append((name, d))
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        results = dict(zip([n for n, _ in confs], pool.map(lambda c: mip_json("mip:status", c[1]), confs)))
    for name, _ in confs:
        assert results[name]["node"] == name
        assert (tmp_path / f"{name}.state" / "framework").is_dir()


def test_bench_lists_the_benchmarks():
    r = mobility("bench")
    assert r.returncode == 0
    assert "startup" in r.stdout


def test_startup_bench_prints_json_figures():
    r = mobility("bench", "startup", "--json", "--runs", "2", timeout=300)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["benchmark"] == "startup"
    assert doc["runs"] == 2
    assert 0 < doc["p50_ms"] <= doc["max_ms"]


def test_one_shot_command_runs_in_the_container_already_running_on_that_folder(conf):
    import os
    import signal
    import subprocess
    import time
    from conftest import MOBILITY
    daemon = subprocess.Popen([MOBILITY, "--conf", str(conf)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        sock = conf.parent / "load.state" / "command.sock"
        for _ in range(300):
            if sock.exists():
                break
            time.sleep(0.1)
        assert sock.exists(), "the running container opened no command socket"
        (conf / "mobility.node.cfg").write_text("name = live-one\n")
        node = None
        for _ in range(50):
            node = mip_json("mip:status", conf)["node"]
            if node == "live-one":
                break
            time.sleep(0.2)
        assert node == "live-one"
        r = mobility("-c", "mip:nosuch", conf=conf)
        assert r.returncode == 1 and "mip:nosuch" in r.stderr
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=30)
    assert not sock.exists(), "the command socket outlived its container"


BU_HEX = "3b01050000001267c000006401020000"  # a bare Binding Update: seq 4711, A and H, lifetime 100, PadN


def test_decode_command_shows_a_binding_update_as_text_and_json(conf):
    text = mobility("-c", f"mip:decode {BU_HEX}", conf=conf)
    assert text.returncode == 0, text.stderr
    assert "Binding Update" in text.stdout and "sequenceNumber=4711" in text.stdout and "flags=AH" in text.stdout
    doc = json.loads(mobility("-c", f"mip:decode --json {BU_HEX}", conf=conf).stdout)
    assert doc["message"] == "Binding Update"
    assert doc["fields"] == {"sequenceNumber": 4711, "flags": "AH", "lifetime": 100, "lifetimeSeconds": 400}


def test_decode_command_names_what_is_wrong_and_the_answer_the_rfc_prescribes(conf):
    r = mobility("-c", "mip:decode 3b002a0000000000", conf=conf)
    assert "unrecognized MH Type 42" in r.stdout and "Binding Error status 2" in r.stdout, r.stdout + r.stderr


# A Home Test from the correspondent 2001:db8:3::7 to the home address 2001:db8:1::100, tunnelled by the home agent
# 2001:db8:1::1 to the care-of address 2001:db8:99::100 (RFC 6275 §10.4.5, RFC 2473).
TUNNELLED_HOT_HEX = ("600000000040294020010db800010000000000000000000120010db80099000000000000000001006000000000188740"
                     "20010db800030000000000000000000720010db80001000000000000000001003b020300b00212340102030405060708"
                     "a1a2a3a4a5a6a7a8")


def test_decode_command_follows_a_tunnelled_home_test(conf):
    text = mobility("-c", f"mip:decode {TUNNELLED_HOT_HEX}", conf=conf)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("tunnel 2001:db8:1::1 -> 2001:db8:99::100 | 2001:db8:3::7 -> 2001:db8:1::100 Home Test"
                                  " homeNonceIndex=4660 homeInitCookie=0102030405060708"), text.stdout
    doc = json.loads(mobility("-c", f"mip:decode --json {TUNNELLED_HOT_HEX}", conf=conf).stdout)
    assert doc["tunnel"] == {"source": "2001:db8:1::1", "destination": "2001:db8:99::100"}
    assert (doc["source"], doc["destination"], doc["message"], doc["checksum"]) == \
        ("2001:db8:3::7", "2001:db8:1::100", "Home Test", "ok")
    assert doc["fields"]["homeKeygenToken"] == "a1a2a3a4a5a6a7a8"

"""bench/run.py's document writer (issue 15): the results table of docs/benchmarks.md is replaced
between its markers and nothing else is touched; docs/benchmarks.json holds every row with its own
measured stamp; a row measured again replaces its old figures, and a row not measured keeps its old
date rather than looking current."""

from __future__ import annotations

import json

from bench.run import MARK_END, MARK_START, Table, write_documents

RUN = {"date": "2026-12-05T03:00:00Z", "commit": "abc1234567", "argv": ["--quick", "--only", "merge"],
       "load_start": [1.5, 1.2, 1.0], "load_end": [1.6, 1.3, 1.1], "cpus": 2, "scale": "nation of 1,000 communes"}


def _old(tmp_path):
    docs, docs_json = tmp_path / "benchmarks.md", tmp_path / "benchmarks.json"
    docs.write_text(f"# Benchmarks\n\nIntro kept.\n\n{MARK_START}\nOLD TABLE 140.668\n{MARK_END}\n\n"
                    "## After\n\nHand-written text kept.\n", encoding="utf-8")
    old_rows = [
        {"benchmark": "merge: province batch", "app_s": 0.755, "status": "met", "note": "",
         "measured": "2026-12-04 10:00 UTC, 1111111111, load 3.0"},
        {"benchmark": "merge: national batch", "app_s": 140.668, "status": "MISSED", "note": "",
         "measured": "2026-12-04 10:00 UTC, 1111111111, load 3.0"},
    ]
    docs_json.write_text(json.dumps({"rows": old_rows}), encoding="utf-8")
    return docs, docs_json


def test_the_table_is_replaced_between_its_markers_and_the_rest_is_kept(tmp_path):
    docs, docs_json = _old(tmp_path)
    table = Table()
    table.add("merge: national batch", {"seconds": 61.25, "peak_mb": 250.0}, {"seconds": 50.0}, goal_ratio=1.5)
    table.add("merge: today's nation", {"seconds": 9.5, "peak_mb": 200.0}, {"seconds": 7.0}, goal_ratio=1.5)

    write_documents(table, RUN, docs, docs_json)

    text = docs.read_text(encoding="utf-8")
    head, rest = text.split(MARK_START)
    block, tail = rest.split(MARK_END)
    assert head == "# Benchmarks\n\nIntro kept.\n\n" and tail == "\n\n## After\n\nHand-written text kept.\n"
    assert text.count(MARK_START) == 1 and text.count(MARK_END) == 1
    assert "OLD TABLE" not in text and "140.668" not in text  # the old figures are gone, not left beside
    assert "commit abc1234567" in block and "load average at start 1.50" in block
    lines = [line for line in block.splitlines() if line.startswith("| merge")]
    assert len(lines) == 3  # one line per benchmark: no stale duplicate of the national row
    national = next(line for line in lines if "national batch" in line)
    assert "61.250" in national and "2026-12-05 03:00 UTC, abc1234567" in national
    province = next(line for line in lines if "province batch" in line)
    assert "2026-12-04 10:00 UTC, 1111111111" in province  # not measured now: keeps its own date

    data = json.loads(docs_json.read_text(encoding="utf-8"))
    assert data["last_run"] == RUN
    rows = {r["benchmark"]: r for r in data["rows"]}
    assert set(rows) == {"merge: province batch", "merge: national batch", "merge: today's nation"}
    assert rows["merge: national batch"]["app_s"] == 61.25 and rows["merge: national batch"]["ratio"] > 1.2
    assert rows["merge: today's nation"]["measured"].startswith("2026-12-05 03:00 UTC")
    assert rows["merge: province batch"]["measured"].startswith("2026-12-04")


def test_a_document_without_markers_gets_the_table_appended_once(tmp_path):
    docs, docs_json = tmp_path / "benchmarks.md", tmp_path / "benchmarks.json"
    docs.write_text("# Benchmarks\n\nNo table yet.\n", encoding="utf-8")
    table = Table()
    table.add("merge: province batch", {"seconds": 0.5, "peak_mb": 90.0}, {"seconds": 0.3}, goal_s=1.0)
    write_documents(table, RUN, docs, docs_json)
    write_documents(table, RUN, docs, docs_json)  # a second run replaces, never appends again
    text = docs.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNo table yet.\n")
    assert text.count(MARK_START) == 1 and text.count("| merge: province batch") == 1
    assert len(json.loads(docs_json.read_text(encoding="utf-8"))["rows"]) == 1


def test_children_import_the_app_from_bytecode_unless_told_otherwise(tmp_path, monkeypatch):
    """The measured children read compiled modules (as the built app does), from a cache outside the
    checkout; nothing is written next to the sources."""
    from bench import run

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    condition = run.bytecode_like_the_bundle(tmp_path / "pycache")
    assert "bytecode" in condition
    assert "PYTHONDONTWRITEBYTECODE" not in run.os.environ
    assert run.os.environ["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
    compiled = {p.name.split(".")[0] for p in (tmp_path / "pycache").rglob("*.pyc")}
    assert {"app", "main_window", "writer", "merge", "gui_block", "main"} <= compiled
    root = run.HERE.parent
    assert not (root / "ui" / "__pycache__").exists() or not any((root / "ui" / "__pycache__").glob("app.*.pyc"))


def test_a_merge_benchmark_repeated_runs_merge_and_floor_in_turn_and_gives_medians(tmp_path, monkeypatch):
    """--repeats 3: merge, floor, merge, floor, merge, floor (a minute of a slow machine slows both);
    the row gives the median times and the largest peak and bytes written, its note every pair."""
    from bench import packages, run

    batch = packages.Batch(tmp_path / "dept.sqlite3", tmp_path / "packages", tmp_path / "rows.pickle", 960, 10)
    monkeypatch.setattr(packages, "national_batch", lambda *a, **k: batch)
    monkeypatch.setattr(packages, "copy_db", lambda src, dst: dst)
    monkeypatch.setattr(run, "_migrate", lambda db: None)
    monkeypatch.setattr(run, "_max_history_id", lambda db: 0)
    monkeypatch.setattr(run, "_history_written", lambda db, after, out: 30)
    merges = iter([(31.0, 180.0, 2.3e9), (29.0, 190.0, 2.4e9), (35.0, 170.0, 2.2e9)])
    floors = iter([20.0, 22.0, 19.0])
    order = []

    def child(name, *args, timeout=0):
        order.append(name)
        if name == "merge":
            seconds, peak, written = next(merges)
            return {"seconds": seconds, "cpu": seconds - 1, "peak_mb": peak, "write_bytes": written,
                    "codes": {"imported": 10}}
        seconds = next(floors)
        return {"seconds": seconds, "cpu": seconds, "bare_seconds": seconds / 2, "write_bytes": 2.0e9}

    monkeypatch.setattr(run, "run_child", child)
    table = run.Table()
    run.bench_merge(table, tmp_path / "nation.sqlite3", 10, tmp_path, label="national batch", goal_s=30.0,
                    repeats=3)
    assert order == ["merge", "merge_floor"] * 3
    row, bare = table.rows
    assert row["app_s"] == 31.0 and row["base_s"] == 20.0 and abs(row["ratio"] - 1.55) < 1e-9
    assert row["peak_mb"] == 190.0 and row["write_gb"] == 2.4
    assert row["status"] == "MISSED"  # 31 s > 30 s and 1.55x > 1.5x, though one run met both
    assert "31.00/20.00, 29.00/22.00, 35.00/19.00" in row["note"] and "median of 3 runs" in row["note"]
    assert bare["app_s"] == 10.0

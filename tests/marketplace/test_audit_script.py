""".ci/audit fails on a known vulnerability, honours the ignore list with its review dates, and
never passes off an audit that could not reach a vulnerability service as a clean one.

A stand-in for pip-audit answers as each service would (its JSON report, or a connection error),
so every case runs offline.
"""

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

AUDIT = Path(settings.BASE_DIR) / ".ci" / "audit"
BLOCKED = "pip-audit: BLOCKED, the vulnerability service could not be reached; nothing was audited"

FAKE_PIP_AUDIT = textwrap.dedent(
    """\
    import json, os, sys
    args = sys.argv[1:]
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(json.dumps(args) + "\\n")
    service = args[args.index("--vulnerability-service") + 1]
    answer = os.environ["FAKE_" + service.upper()]
    if answer == "unreachable":
        sys.stderr.write("requests.exceptions.ConnectionError: cannot reach " + service + "\\n")
        sys.exit(1)
    ignored = {args[i + 1] for i, a in enumerate(args) if a == "--ignore-vuln"}
    django = {"name": "django", "version": "5.2.19", "vulns": []}
    if answer == "vulnerable":
        for vid in ("GHSA-aaaa-bbbb-cccc", "PYSEC-2099-1"):
            if vid not in ignored:
                django["vulns"].append(
                    {"id": vid, "fix_versions": ["5.2.20"], "aliases": [], "description": "x"}
                )
    if answer == "skipped":
        deps = [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not "
                 "be audited: django (5.2.19)"}]
    else:
        deps = [django, {"name": "nh3", "version": "0.3.8", "vulns": []}]
    with open(args[args.index("--output") + 1], "w") as out:
        json.dump({"dependencies": deps, "fixes": []}, out)
    sys.exit(1 if any(d.get("vulns") for d in deps) else 0)
    """
)


@pytest.fixture
def run_audit(tmp_path):
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!{sys.executable}\n{FAKE_PIP_AUDIT}")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# nothing accepted\n")
    log = tmp_path / "calls.log"

    def run(*, pypi, osv="unreachable", ignore_lines=(), **environment):
        ignore.write_text("# accepted\n" + "".join(f"{line}\n" for line in ignore_lines))
        env = {
            **{name: value for name, value in os.environ.items() if name != "AUDIT_REQUIRED"},
            "PIP_AUDIT": str(fake),
            "AUDIT_IGNORE_FILE": str(ignore),
            "FAKE_LOG": str(log),
            "FAKE_PYPI": pypi,
            "FAKE_OSV": osv,
            **environment,
        }
        result = subprocess.run(
            ["bash", str(AUDIT)], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        log.unlink(missing_ok=True)
        return result, calls

    return run


def later(days=30) -> str:
    return (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)).isoformat()


def test_the_script_is_executable_bash():
    assert AUDIT.stat().st_mode & stat.S_IXUSR
    assert AUDIT.read_text().startswith("#!/usr/bin/env bash\n")
    assert subprocess.run(["bash", "-n", str(AUDIT)], check=False).returncode == 0


def test_a_clean_audit_passes(run_audit):
    result, calls = run_audit(pypi="clean")
    assert result.returncode == 0, result.stderr
    assert "2 packages audited, 0 not audited, 0 known vulnerabilities" in result.stdout
    assert BLOCKED not in result.stderr
    (args,) = calls  # PyPI answered: OSV is not asked
    for flag in ("--no-deps", "--disable-pip", "--progress-spinner"):
        assert flag in args
    assert args.count("-r") == 2
    assert "requirements.lock" in args
    assert "requirements-dev.lock" in args


def test_a_known_vulnerability_fails_and_is_named(run_audit):
    result, _ = run_audit(pypi="vulnerable")
    assert result.returncode == 1
    assert "FAILED" in result.stdout
    assert "django 5.2.19: GHSA-aaaa-bbbb-cccc, fixed in 5.2.20" in result.stdout


def test_accepted_vulnerabilities_are_passed_as_ignore_flags(run_audit):
    lines = [
        f"GHSA-aaaa-bbbb-cccc  # the affected API is never called, review by {later()}",
        f"PYSEC-2099-1  # no fix released yet, review by {later(7)}",
    ]
    result, calls = run_audit(pypi="vulnerable", ignore_lines=lines)
    assert result.returncode == 0, result.stdout + result.stderr
    args = calls[0]
    ignored = {args[i + 1] for i, arg in enumerate(args) if arg == "--ignore-vuln"}
    assert ignored == {"GHSA-aaaa-bbbb-cccc", "PYSEC-2099-1"}
    assert "2 accepted" in result.stdout


def test_one_accepted_and_one_not_still_fails(run_audit):
    lines = [f"GHSA-aaaa-bbbb-cccc  # not reachable from our code, review by {later()}"]
    result, _ = run_audit(pypi="vulnerable", ignore_lines=lines)
    assert result.returncode == 1
    assert "PYSEC-2099-1" in result.stdout
    assert "GHSA-aaaa-bbbb-cccc" not in result.stdout


def test_an_acceptance_past_its_review_date_fails(run_audit):
    lines = ["GHSA-aaaa-bbbb-cccc  # it was fine then, review by 2020-01-01"]
    result, _ = run_audit(pypi="clean", ignore_lines=lines)
    assert result.returncode == 1
    assert "due for review on 2020-01-01" in result.stderr


@pytest.mark.parametrize(
    "line", ["GHSA-aaaa-bbbb-cccc", "GHSA-aaaa-bbbb-cccc  # no date given", "# only a comment"]
)
def test_the_ignore_list_needs_a_reason_and_a_review_date(run_audit, line):
    result, _ = run_audit(pypi="clean", ignore_lines=[line])
    if line.startswith("#"):
        assert result.returncode == 0
    else:
        assert result.returncode == 2
        assert "review by YYYY-MM-DD" in result.stderr


def test_pypi_unable_to_audit_falls_back_to_osv(run_audit):
    result, calls = run_audit(pypi="skipped", osv="vulnerable")
    assert [args[args.index("--vulnerability-service") + 1] for args in calls] == ["pypi", "osv"]
    assert result.returncode == 1
    assert "pip-audit (osv)" in result.stdout


@pytest.mark.parametrize("pypi", ["skipped", "unreachable"])
def test_no_service_reached_is_said_loudly_and_is_not_a_pass(run_audit, pypi):
    result, _ = run_audit(pypi=pypi, osv="unreachable")
    assert result.returncode == 0
    assert BLOCKED in result.stderr
    assert "known vulnerabilit" not in result.stdout  # no figures pretending to be an audit


def test_audit_required_turns_blocked_into_a_failure(run_audit):
    result, _ = run_audit(pypi="skipped", osv="unreachable", AUDIT_REQUIRED="1")
    assert result.returncode == 2
    assert BLOCKED in result.stderr


def test_the_committed_ignore_list_is_well_formed(run_audit):
    """Every active line of the real list has an ID, a reason and a review date in the future."""
    real = Path(settings.BASE_DIR) / ".ci" / "pip-audit-ignore.txt"
    active = [line for line in real.read_text().splitlines() if line.split("#")[0].strip()]
    result, _ = run_audit(pypi="clean", ignore_lines=active)
    assert result.returncode == 0, result.stderr

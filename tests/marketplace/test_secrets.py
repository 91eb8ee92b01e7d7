"""No secret is committed: the files git tracks hold no .env, private key or cloud key, and the
one published key (the demo staff's authenticator) is used by the demo alone.

(Settings refusing to start without SECRET_KEY when DEBUG is off: test_settings_guard.py.)
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# Spelled in pieces, so this file does not match itself.
PRIVATE_KEY = re.compile("-----BEGIN (?:[A-Z0-9]+ )*" + "PRIVATE KEY( BLOCK)?-----")
SECRET_PATTERNS = {
    "private key": PRIVATE_KEY,
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(
        r"aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+=]{40}", re.I
    ),
    "Stripe live key": re.compile(r"\b[sr]k_live_[0-9A-Za-z]{16,}"),
    "GitHub token": re.compile(r"\bgh[pousr]_[0-9A-Za-z]{36,}"),
    "Slack token": re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}"),
}
KEY_FILE_SUFFIXES = {".pem", ".key", ".p12", ".pfx", ".jks", ".keystore"}
KEY_FILE_NAMES = {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".htpasswd", ".netrc", ".pypirc"}
DEMO_TOTP_SECRET = "GIGWISEDEMOSTAFFTOTP234567ABCDEF"


@pytest.fixture(scope="module")
def tracked() -> list[Path]:
    if shutil.which("git") is None or not (BASE / ".git").exists():
        pytest.skip("not a git checkout")
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=BASE, capture_output=True, check=True
    ).stdout.split(b"\0")
    return [Path(name.decode()) for name in names if name]


def text_of(path: Path) -> str | None:
    try:
        data = (BASE / path).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None  # deleted in the working tree, or a submodule
    if b"\0" in data[:8192]:
        return None  # binary
    return data.decode("utf-8", errors="replace")


def test_no_env_file_is_tracked(tracked):
    env_files = [p for p in tracked if p.name == ".env" or p.name.startswith(".env.")]
    assert env_files == [Path(".env.example")]
    assert ".env" in (BASE / ".gitignore").read_text().split()


def test_no_key_file_is_tracked(tracked):
    key_files = [p for p in tracked if p.suffix in KEY_FILE_SUFFIXES or p.name in KEY_FILE_NAMES]
    assert key_files == []


def test_no_tracked_file_holds_a_private_key_or_a_cloud_token(tracked):
    found = []
    for path in tracked:
        text = text_of(path)
        if text is None:
            continue
        found += [f"{path}: {what}" for what, rule in SECRET_PATTERNS.items() if rule.search(text)]
    assert found == []


def test_the_patterns_would_find_what_they_look_for():
    samples = {
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIE...",
        "AWS access key id": "key = AKIA" + "ABCDEFGHIJKLMNOP",
        "Stripe live key": "sk_" + "live_" + "a1B2c3D4e5F6g7H8i9",
    }
    for what, sample in samples.items():
        assert SECRET_PATTERNS[what].search(sample), what


def test_env_example_leaves_every_secret_empty():
    example = (BASE / ".env.example").read_text()
    secrets = re.findall(r"^([A-Z][A-Z0-9_]*(?:KEY|PASSWORD|TOKEN|SECRET))=(.*)$", example, re.M)
    assert ("SECRET_KEY", "") in secrets
    assert [name for name, value in secrets if value.strip()] == []


def test_the_demo_authenticator_key_is_used_by_the_demo_only(tracked):
    """Published on purpose, like the demo password: only seed_demo gives it to the demo staff."""
    holders = sorted(
        str(path)
        for path in tracked
        if path.suffix == ".py"
        and path.parts[0] != "tests"
        and (text := text_of(path))
        and ("DEMO_STAFF_TOTP_SECRET" in text or DEMO_TOTP_SECRET in text)
    )
    # Defined in the demo's plan, read by the demo service (demo_staff_totp_ensure, which
    # seed_demo runs) and shown by seed_demo's report: nothing else may use it.
    assert holders == ["projects/demo/plan.py", "projects/services/demo.py"]
    definition = [
        line
        for line in (BASE / "projects/demo/plan.py").read_text().splitlines()
        if DEMO_TOTP_SECRET in line
    ]
    assert definition == [f'DEMO_STAFF_TOTP_SECRET = "{DEMO_TOTP_SECRET}"']
    security = (BASE / "docs" / "SECURITY.md").read_text()
    assert DEMO_TOTP_SECRET in security
    assert "demo only" in security.lower()

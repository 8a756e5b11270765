"""Issue 11, the installation's e-mail address: set at the installation (CLI; the window in
tests/ui/test_returns_more_ui.py), carried in its next package as the optional `manifest.contact_email`,
kept at the Department, and written as "Đến:" in the "Gửi cho các đơn vị" e-mail text. Older packages
without the field still merge; hostile values are ignored and never cost the package."""

from __future__ import annotations

import pytest

from tests.core.test_returns import World, run, run_json
from xhht_desktop.installation import open_app_database
from xhht_desktop.sync import contact, receipts


@pytest.fixture
def world(tmp_path):
    return World(tmp_path)


def _mail(w: World) -> str:
    [receipt] = w.receipts()
    return (receipt.parent / "thu-gui-don-vi.txt").read_text(encoding="utf-8")


def _known(w: World) -> list[tuple]:
    so = open_app_database(w.so)
    try:
        return so.conn.execute("SELECT unit_key, email FROM installation_contacts").fetchall()
    finally:
        so.conn.close()


def test_the_address_travels_in_the_next_package_and_heads_the_departments_mail(world):
    w = world
    # No address yet: the mail says so plainly.
    w.send_package()
    w.confirm()
    first = _mail(w)
    assert first.splitlines()[0].startswith("Đến: (chưa biết địa chỉ thư điện tử – máy của Y Blong")
    # The commune sets its address; its next package carries it; the next mail is addressed to it.
    assert run(w.xa, "email", "set", "canbo.dakpek@kontum.gov.vn")[0] == 0
    assert run_json(w.xa, "email", "show") == {"email": "canbo.dakpek@kontum.gov.vn"}
    w.send_package("--full")
    mail = _mail(w)
    assert mail.splitlines()[0] == "Đến: canbo.dakpek@kontum.gov.vn"
    assert "Tiêu đề: [XHHT] Biên nhận số 2" in mail
    # Cleared at the commune: the Department forgets it with the next package.
    assert run(w.xa, "email", "set", "--clear")[0] == 0
    w.send_package("--full")
    assert _mail(w).splitlines()[0].startswith("Đến: (chưa biết địa chỉ thư điện tử")


def test_an_older_package_without_the_field_still_merges(world, monkeypatch):
    w = world
    assert run(w.xa, "email", "set", "canbo@xa.gov.vn")[0] == 0
    w.send_package()
    w.confirm()
    assert _known(w)[0][1] == "canbo@xa.gov.vn"
    real = receipts.manifest_additions
    monkeypatch.setattr(receipts, "manifest_additions",
                        lambda db: {k: v for k, v in real(db).items() if k != contact.MANIFEST_FIELD})
    w.send_package("--full")  # as an older version writes it: merged, the address known is kept
    so = open_app_database(w.so)
    try:
        assert so.conn.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 2
    finally:
        so.conn.close()
    assert _known(w)[0][1] == "canbo@xa.gov.vn"
    assert _mail(w).splitlines()[0] == "Đến: canbo@xa.gov.vn"


@pytest.mark.parametrize("hostile", [
    "canbo@xa.gov.vn\r\nBcc: all@example.com",  # header injection
    "a\x07b@xa.gov.vn",                            # control character
    "x" * 5000 + "@xa.gov.vn",                     # absurd length
    "không phải địa chỉ",                          # not an address
    "<script>@x.vn",
    42, ["canbo@xa.gov.vn"], {"email": "canbo@xa.gov.vn"}, None,
])
def test_a_hostile_address_in_a_package_is_ignored_and_the_package_merges(world, monkeypatch, hostile):
    w = world
    assert run(w.xa, "email", "set", "canbo@xa.gov.vn")[0] == 0
    w.send_package()
    w.confirm()
    real = receipts.manifest_additions
    monkeypatch.setattr(receipts, "manifest_additions", lambda db: dict(real(db), contact_email=hostile))
    w.send_package("--full")  # merged (send_package asserts exit 0), the address known is kept
    so = open_app_database(w.so)
    try:
        assert so.conn.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 2
    finally:
        so.conn.close()
    assert _known(w) == [(_known(w)[0][0], "canbo@xa.gov.vn")]
    assert _mail(w).splitlines()[0] == "Đến: canbo@xa.gov.vn"


def test_typed_addresses_are_checked_and_a_late_older_package_does_not_overwrite(tmp_path):
    for good in ("canbo@xa.gov.vn", "a.b+c@sub.domain-x.vn", " trim@me.vn "):
        assert contact.check_email(good) == good.strip()
    assert contact.check_email("") == ""
    for bad in ("a@b", "a b@c.vn", "a@b..vn", ".a@b.vn", "a..b@c.vn", "a@-b.vn", "ä@b.vn", "a@b.vn\nBcc: x@y.vn",
                "a@b.vn>", "x" * 300 + "@b.vn"):
        with pytest.raises(contact.ContactProblem):
            contact.check_email(bad)
    w = World(tmp_path)
    so = open_app_database(w.so)
    try:
        with so.atomic():
            contact.on_package_imported(so, "FP", "U", "p2", "2026-12-02T00:00:00+07:00",
                                        {"contact_email": "new@xa.vn"}, "now")
            contact.on_package_imported(so, "FP", "U", "p1", "2026-12-01T00:00:00+07:00",
                                        {"contact_email": "old@xa.vn"}, "now")  # merged later, made earlier
        assert contact.address_of(so, "FP", "U") == "new@xa.vn"
    finally:
        so.conn.close()


def test_the_cli_refuses_a_wrong_address_with_the_reason(world, capsys):
    capsys.readouterr()
    assert run(world.xa, "email", "set", "không phải địa chỉ")[0] == 1
    assert "không phải địa chỉ thư điện tử" in capsys.readouterr().err
    assert run(world.xa, "--lang", "en", "email", "set", "x" * 300 + "@b.vn")[0] == 1
    assert "longer than 254 characters" in capsys.readouterr().err
    assert run(world.xa, "email", "set")[0] == 2  # neither an address nor --clear
    assert run_json(world.xa, "email", "show") == {"email": ""}

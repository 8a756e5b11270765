"""An export never replaces a package file already in the outbox (B7-9)."""

import datetime as dt

from xhht_desktop.sync.export import SUFFIX, _unused_name, package_file_name


def test_same_name_gets_a_suffix_instead_of_replacing(tmp_path):
    name = package_file_name("23353", "Xã Đắk Pék", dt.datetime(2014, 7, 5, 9, 30), 3)
    assert name == "XHHT_23353_Xa_Dak_Pek_20140705-0930_3.xhht"
    assert _unused_name(tmp_path, name) == name
    (tmp_path / name).write_bytes(b"earlier package")
    second = _unused_name(tmp_path, name)
    assert second == name[: -len(SUFFIX)] + "-2" + SUFFIX
    (tmp_path / second).write_bytes(b"x")
    assert _unused_name(tmp_path, name).endswith("-3" + SUFFIX)
    assert (tmp_path / name).read_bytes() == b"earlier package"

import pytest

from xhht_desktop.domain.values import Entry, errors_only, parse_whole_number, validate_entries


def codes(issues, severity="error"):
    return {(i.indicator, i.breakdown, i.code) for i in issues if i.severity == severity}


def test_numerator_above_denominator_names_indicator_and_field():
    issues = validate_entries([Entry("XMC_15_60", None, 120, 100)])
    assert codes(issues) == {("XMC_15_60", None, "num_gt_den")}
    msg = errors_only(issues)[0].message
    assert "XMC_15_60" in msg and "tử số" in msg and "lớn hơn mẫu số" in msg


def test_negatives_refused():
    assert ("XMC_15_60", None, "negative") in codes(validate_entries([Entry("XMC_15_60", None, -1, 100)]))
    assert ("GIA_DINH_HIEU_HOC", None, "negative") in codes(
        validate_entries([Entry("GIA_DINH_HIEU_HOC", None, value=-3)]))


def test_breakdown_cannot_exceed_total():
    issues = validate_entries([Entry("XMC_15_60", None, 50, 100), Entry("XMC_15_60", "nu", 60, 70)])
    assert ("XMC_15_60", "nu", "breakdown_gt_total") in codes(issues)
    ok = validate_entries([Entry("XMC_15_60", None, 50, 100), Entry("XMC_15_60", "nu", 20, 48)])
    assert errors_only(ok) == []


def test_flags_are_zero_or_one():
    assert ("PC_THCS", None, "flag_not_01") in codes(validate_entries([Entry("PC_THCS", None, value=2)]))
    assert errors_only(validate_entries([Entry("PC_THCS", None, value=0)])) == []


def test_blank_is_not_zero_and_half_fractions_are_refused():
    assert errors_only(validate_entries([Entry("XMC_15_60")])) == []
    assert ("XMC_15_60", None, "half_fraction") in codes(validate_entries([Entry("XMC_15_60", None, 5, None)]))


def test_far_from_previous_is_a_warning_not_an_error():
    prev = {("XMC_15_60", None): Entry("XMC_15_60", None, 900, 1000)}
    issues = validate_entries([Entry("XMC_15_60", None, 500, 1000)], prev)
    assert errors_only(issues) == []
    assert ("XMC_15_60", None, "rate_jump") in codes(issues, "warning")


@pytest.mark.parametrize("raw,value,ok", [
    ("1234", 1234, True), ("1.234", 1234, True), ("1 234", 1234, True), (12.0, 12, True),
    ("12,5", None, False), (12.5, None, False), ("mười", None, False), ("", None, True), (None, None, True),
])
def test_whole_numbers_of_people(raw, value, ok):
    parsed = parse_whole_number(raw)
    assert parsed.value == value
    assert (parsed.error is None) == ok

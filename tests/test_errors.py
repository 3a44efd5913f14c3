"""The errors family: GetErrorString and the error it raises."""

from __future__ import annotations

import pytest
from support import requires_sim

import ras

pytestmark = requires_sim


def test_get_error_string_every_code() -> None:
    texts = set()
    for name, code in ras.CONSTANTS.items():
        if name.startswith("ERROR_") and 600 < code <= 870:
            text = ras.GetErrorString(code)
            assert text and text.strip() == text, (name, text)
            texts.add(text)
    assert len(texts) > 250  # messages are specific, not one generic text


def test_get_error_string_unknown_code_reports_the_real_code() -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetErrorString(12345)
    # pywin32 reports 0 here (it reads GetLastError); we report RAS's result.
    assert exc.value.winerror == 87
    assert exc.value.funcname == "RasGetErrorString"
    assert exc.value.args == (87, "RasGetErrorString", exc.value.strerror)

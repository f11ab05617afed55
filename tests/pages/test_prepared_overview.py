"""The server prepares the overview most leaders open first, so that the first of them after
a start or a change of the figures does not wait for it (ui/data.py, decision 53)."""

from __future__ import annotations

import pytest

from data_access import dashboard
from data_access.catalogue import DataVersions
from tests.helpers.screens import assert_no_errors, cards, open_app
from ui import data


def test_a_leaders_first_overview_is_the_one_prepared_in_the_background(
    sample_app_env, monkeypatch
):
    data.prepare_overview()  # what the server's thread runs, here in the test's own

    def computed_again(*args, **kwargs):
        raise AssertionError("the overview's figures were computed again")

    monkeypatch.setattr(dashboard, "overview_figures", computed_again)
    app = open_app(username="lanhdao.kt")
    assert_no_errors(app)
    figures = cards(app)
    assert figures["Tỷ lệ giải ngân (đến 30/09/2026)"].value == "61,7% *"
    assert figures["Số công trình"].value == "1.581 *"


def test_without_preparation_the_overview_computes_its_figures(sample_app_env, monkeypatch):
    """The check above can fail: the same screen, not prepared, computes them."""
    calls = []
    real = dashboard.overview_figures

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboard, "overview_figures", counted)
    assert_no_errors(open_app(username="lanhdao.kt"))
    assert len(calls) == 1


@pytest.fixture
def preparing(monkeypatch) -> list:
    """The work of each thread the server would start, recorded instead of run."""
    started: list = []

    class Recorded:
        def __init__(self, target, name, daemon):
            self.target = target

        def start(self) -> None:
            started.append(self.target)

    monkeypatch.setattr(data.threading, "Thread", Recorded)
    monkeypatch.setattr(data._preparation, "done", set())
    monkeypatch.setattr(data._preparation, "on", False)
    return started


def test_the_server_prepares_again_only_when_figures_or_the_catalogue_change(preparing):
    data._prepare_when_new(DataVersions(any=1, figures=1, catalogue=1))
    assert preparing == []  # off unless the real server turned it on (page tests)
    data._preparation.on = True
    data._prepare_when_new(DataVersions(any=5, figures=1, catalogue=1))
    data._prepare_when_new(DataVersions(any=6, figures=1, catalogue=1))
    assert len(preparing) == 1  # a finding saved after it: nothing new to prepare
    data._prepare_when_new(DataVersions(any=7, figures=2, catalogue=1))  # figures imported
    data._prepare_when_new(DataVersions(any=8, figures=3, catalogue=2))  # catalogue changed
    assert len(preparing) == 3

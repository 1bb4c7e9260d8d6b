"""What the step forms do to a step's JSON: entries added, changed, moved and removed by id."""

from __future__ import annotations

import pytest

from m4d.plans import step_forms as sf

ACTIVITIES = sf.COLLECTIONS["activities"]
RESULTS = sf.COLLECTIONS["results"]


def logframe() -> dict:
    return {
        "results": [
            {
                "id": "r1",
                "text": "R1",
                "activities": [
                    {"id": "a1", "text": "A", "indicators": [{"id": "i1", "text": "I"}]}
                ],
            },
            {"id": "r2", "text": "R2", "activities": []},
        ]
    }


def test_an_activity_moved_to_another_result_keeps_its_indicators():
    data = sf.with_entry(logframe(), ACTIVITIES, {"id": "a1", "text": "A moved"}, "r2")
    assert data["results"][0]["activities"] == []
    assert data["results"][1]["activities"] == [
        {"id": "a1", "text": "A moved", "indicators": [{"id": "i1", "text": "I"}]}
    ]


def test_an_entry_for_a_parent_that_is_gone_is_refused():
    with pytest.raises(KeyError):
        sf.with_entry(logframe(), ACTIVITIES, {"id": "a9", "text": "Lost"}, "r9")


def test_removing_a_result_removes_what_it_holds_and_leaves_the_original_alone():
    original = logframe()
    data = sf.without_entry(original, RESULTS, "r1")
    assert [r["id"] for r in data["results"]] == ["r2"]
    assert sf.find_entry(data, sf.COLLECTIONS["indicators"], "i1") is None
    assert [r["id"] for r in original["results"]] == ["r1", "r2"]


def test_the_quick_select_marks_the_chosen_option_and_escapes_labels():
    html = sf.QuickSelect(choices=[("a", "<A>"), ("b", "B")]).render(
        "country", "b", {"id": "id_country", "aria-invalid": "true"}
    )
    assert '<option value="b" selected>B</option>' in html
    assert "&lt;A&gt;" in html
    assert 'aria-invalid="true"' in html and 'name="country"' in html

"""Undo and redo of the learning-centre log live in the core: each change returns a step that takes
it back and makes it again, with history, all rows of a step together."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc import undo
from xhht_desktop.clc.domain import Activity, ClcValidationError
from xhht_desktop.installation import get_installation

TODAY = dt.date(2014, 12, 31)
WHO = dict(actor="Y Blong", origin="inst-1")


def activity(**over) -> Activity:
    values = dict(date=dt.date(2014, 3, 5), title="Chuyên đề trồng cà phê", category="agri_tech", format="topic",
                  sessions=1, visits=45, women=20, rural_workers=45, learners=45, partner="Trạm Khuyến nông")
    values.update(over)
    return Activity(**values)


def shown(db, unit_id):
    return [a.title for a in repo.list_activities(db, [unit_id])]


def test_add_edit_delete_each_undo_and_redo(commune_db):
    db, unit = commune_db, get_installation(commune_db).unit
    log = undo.UndoLog()
    stored, step = undo.save_activity(db, unit.id, activity(), editing=None, today=TODAY, **WHO)
    log.push(step)
    assert (step.kind, step.title, step.count) == ("add", "Chuyên đề trồng cà phê", 1)
    assert repo.load_entry_defaults(db)["category"] == "agri_tech"  # the form's memory, same transaction

    edited, step = undo.save_activity(db, unit.id, dataclasses.replace(stored, visits=50, learners=50),
                                      editing=stored.uuid, today=TODAY, **WHO)
    log.push(step)
    assert edited.visits == 50 and step.kind == "edit"
    gone = undo.delete_activities(db, [stored.uuid], **WHO)
    log.push(gone)
    assert shown(db, unit.id) == []

    # Walk back: restore, old figures, and the add itself undone (a tombstone).
    for expect in (["Chuyên đề trồng cà phê"], ["Chuyên đề trồng cà phê"], []):
        step = log.next_undo()
        undo.undo(db, step, **WHO)
        log.undone(step)
        assert shown(db, unit.id) == expect
    assert not log.can_undo() and log.can_redo()
    # And forward again.
    for _ in range(2):
        step = log.next_redo()
        undo.redo(db, step, **WHO)
        log.redone(step)
    assert repo.get_activity(db, stored.uuid).visits == 50
    sources = [h["source"] for h in repo.activity_history(db, stored.uuid)]
    assert "undo" in sources and "redo" in sources

    # A new change drops what was undone.
    log.push(undo.delete_activities(db, [stored.uuid], **WHO))
    assert not log.can_redo()


def test_an_edit_that_changes_nothing_is_no_step(commune_db):
    db, unit = commune_db, get_installation(commune_db).unit
    stored, _ = undo.save_activity(db, unit.id, activity(), editing=None, today=TODAY, **WHO)
    again, step = undo.save_activity(db, unit.id, stored, editing=stored.uuid, today=TODAY, **WHO)
    assert step is None and again.revision == stored.revision


def test_deleting_several_is_all_or_nothing(commune_db):
    db, unit = commune_db, get_installation(commune_db).unit
    a, _ = undo.save_activity(db, unit.id, activity(title="Một"), editing=None, today=TODAY, **WHO)
    with pytest.raises(ClcValidationError):
        undo.delete_activities(db, [a.uuid, "khong-co"], **WHO)
    assert shown(db, unit.id) == ["Một"]  # the first deletion was rolled back with the failed one
    step = undo.delete_activities(db, [a.uuid], **WHO)
    assert step.redo == (undo.Action("delete", a.uuid),) and step.undo == (undo.Action("restore", a.uuid),)


def test_a_refused_save_stores_nothing(commune_db):
    db, unit = commune_db, get_installation(commune_db).unit
    with pytest.raises(ClcValidationError):
        undo.save_activity(db, unit.id, activity(date=dt.date(2030, 1, 1)), editing=None, today=TODAY, **WHO)
    assert shown(db, unit.id) == [] and repo.load_entry_defaults(db) == {}

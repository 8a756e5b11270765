"""Undo and redo of the learning-centre log, in the core (no Qt).

Every change the log page makes is one of three operations below; each stores the change through
the repository (with history) and returns a `Step` that knows how to take it back and make it
again. `UndoLog` is the stack of steps of a session. Applying a step is itself a write, run by the
caller on the writer (xhht_desktop.writer), all rows of a step in one transaction.

The core keeps codes, not words: a step has a `kind` ("add", "edit", "delete"), the title of the
activity and how many rows it touched; the UI writes the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity


@dataclass(frozen=True)
class Action:
    """One row's change: "delete" or "restore" a record, or "put" these values in it."""

    verb: str
    uuid: str
    values: Activity | None = None


@dataclass(frozen=True)
class Step:
    kind: str           # "add" | "edit" | "delete"
    title: str          # the (first) activity's title
    count: int          # rows touched
    redo: tuple[Action, ...]
    undo: tuple[Action, ...]


def _apply(db, actions: tuple[Action, ...], *, actor: str, origin: str, source: str) -> list[str]:
    """Apply the actions in one transaction; the uuids still shown afterwards (to select)."""
    shown: list[str] = []
    with db.atomic():
        for a in actions:
            if a.verb == "delete":
                repo.delete_activity(db, a.uuid, actor=actor, origin=origin, source=source)
            elif a.verb == "restore":
                shown.append(repo.restore_activity(db, a.uuid, actor=actor, origin=origin, source=source).uuid)
            elif a.verb == "put":
                shown.append(repo.update_activity(db, a.uuid, a.values, actor=actor, origin=origin,
                                                  source=source).uuid)
            else:  # pragma: no cover - a programming error
                raise ValueError(a.verb)
    return shown


def undo(db, step: Step, *, actor: str, origin: str) -> list[str]:
    return _apply(db, step.undo, actor=actor, origin=origin, source="undo")


def redo(db, step: Step, *, actor: str, origin: str) -> list[str]:
    return _apply(db, step.redo, actor=actor, origin=origin, source="redo")


# ---- the three changes of the page ------------------------------------------------------------

def save_activity(db, unit_id: int, activity: Activity, *, editing: str | None, actor: str, origin: str,
                  today: dt.date | None = None) -> tuple[Activity, Step | None]:
    """Add (editing=None) or update an activity and remember the form's defaults.

    Returns the stored activity and its undo step (None when an edit changed nothing). Raises
    ClcValidationError, storing nothing, when the repository refuses it.
    """
    with db.atomic():
        if editing is None:
            stored = repo.add_activity(db, unit_id, activity, actor=actor, origin=origin, today=today)
            step = Step("add", stored.title, 1, redo=(Action("restore", stored.uuid),),
                        undo=(Action("delete", stored.uuid),))
        else:
            before = repo.get_activity(db, editing)
            stored = repo.update_activity(db, editing, activity, actor=actor, origin=origin, today=today)
            step = None
            if before is None or stored.revision != before.revision:
                step = Step("edit", stored.title, 1, redo=(Action("put", stored.uuid, stored),),
                            undo=(Action("put", stored.uuid, before),) if before else ())
        remembered = repo.load_entry_defaults(db)
        remembered.update({"category": stored.category, "format": stored.format, "partner": stored.partner})
        repo.save_entry_defaults(db, remembered)
    return stored, step


def delete_activities(db, uuids: list[str], *, actor: str, origin: str) -> Step:
    """Delete (tombstone) these activities, all or none; the step brings them back."""
    with db.atomic():
        titles = []
        for u in uuids:
            titles.append(repo.delete_activity(db, u, actor=actor, origin=origin).title)
    return Step("delete", titles[0] if titles else "", len(uuids),
                redo=tuple(Action("delete", u) for u in uuids),
                undo=tuple(Action("restore", u) for u in uuids))


class UndoLog:
    """The steps of a session: undo walks back, redo forward; a new step drops what was undone."""

    def __init__(self) -> None:
        self._steps: list[Step] = []
        self._index = 0  # steps before this one are done

    def push(self, step: Step) -> None:
        del self._steps[self._index:]
        self._steps.append(step)
        self._index = len(self._steps)

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index < len(self._steps)

    def next_undo(self) -> Step | None:
        return self._steps[self._index - 1] if self.can_undo() else None

    def next_redo(self) -> Step | None:
        return self._steps[self._index] if self.can_redo() else None

    def undone(self, step: Step) -> None:
        """The step returned by next_undo() was applied."""
        if self.next_undo() is step:
            self._index -= 1

    def redone(self, step: Step) -> None:
        if self.next_redo() is step:
            self._index += 1

    def clear(self) -> None:
        self._steps.clear()
        self._index = 0


__all__ = ["Action", "Step", "UndoLog", "delete_activities", "redo", "save_activity", "undo"]

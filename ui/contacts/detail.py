"""The contact's record: every field editable, checked before saving with a plain
sentence that says what is wrong; phones stored normalised and shown formatted."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.clock import zone
from organizer.contact_list import contact_label
from organizer.contacts import ContactData, load_contact, update_contact, validate
from organizer.errors import NotFound, UserError
from organizer.models import CHANNELS, STAGES
from organizer.phones import display, tel_uri
from ui.widgets.plain import plain_label

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from ui.contacts.dialog import ReferrerDialog

_ZONES = sorted(zoneinfo.available_timezones())


def their_local_time(zone_name: str | None, now: dt.datetime, rep_zone: str) -> str:
    """"Their local time: …" when the contact's clock reads differently from the rep's."""
    if not zone_name:
        return ""
    try:
        theirs = now.astimezone(zone(zone_name))
    except ValueError:
        return ""
    mine = now.astimezone(zone(rep_zone))
    if theirs.utcoffset() == mine.utcoffset():
        return ""
    # "New York", not "America/New_York": a narrow pane wraps the label at the slash.
    place = zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return f"Their local time: {theirs:%a %H:%M} ({place})"


class ContactDetail(QWidget):
    opened_url = Signal(str)  # tel:/mailto: the rep clicked (tests listen here)
    saved = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contactDetail")
        self.contact_id: int | None = None
        self.data = ContactData()
        self.referred_by: int | None = None
        self.dirty = False
        outer = QVBoxLayout(self)
        self.title = plain_label("", self, name="detailTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.summary = plain_label("", self, name="detailSummary")
        self.local_time = plain_label("", self, name="detailLocalTime")
        for label in (self.summary, self.local_time):
            label.setWordWrap(True)
        self.links = QVBoxLayout()
        self.links.setSpacing(0)
        outer.addWidget(self.title)
        outer.addWidget(self.summary)
        outer.addWidget(self.local_time)
        outer.addLayout(self.links)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(form)
        self.fields: dict[str, QLineEdit] = {}
        for key, label in (("first_name", "&First name"), ("last_name", "&Last name"),
                           ("company", "Com&pany"), ("job_title", "&Job title"),
                           ("phones", "P&hones"), ("emails", "&E-mails")):
            self.fields[key] = self._line(form, key, label)
        self.fields["phones"].setPlaceholderText("Several numbers separated by ;")
        self.stage = self._combo(form, "detailStage", "&Stage", STAGES)
        self.channel = self._combo(form, "detailChannel", "Pre&ferred channel", CHANNELS)
        self.time_zone = QComboBox(self)
        self.time_zone.setObjectName("detailTimeZone")
        self.time_zone.setEditable(True)
        self.time_zone.addItem("")
        self.time_zone.addItems(_ZONES)
        self.time_zone.currentTextChanged.connect(self._mark_dirty)
        form.addRow("Time &zone", self.time_zone)
        referrer_row = QHBoxLayout()
        self.referrer = plain_label("", self, name="detailReferrer")
        self.referrer.setMinimumWidth(60)
        pick = QPushButton("Pick…", self)
        pick.setObjectName("detailPickReferrer")
        pick.clicked.connect(self.pick_referrer)
        clear = QPushButton("Clear", self)
        clear.setObjectName("detailClearReferrer")
        clear.clicked.connect(lambda: self._set_referrer(None))
        referrer_row.addWidget(self.referrer, 1)
        referrer_row.addWidget(pick)
        referrer_row.addWidget(clear)
        form.addRow("Referred by", referrer_row)
        for key, label in (("tags", "&Tags"), ("source", "Sou&rce"), ("street", "Street"),
                           ("city", "City"), ("region", "Region"), ("postal_code", "Postal code"),
                           ("country", "Country")):
            self.fields[key] = self._line(form, key, label)
        self.fields["tags"].setPlaceholderText("Comma separated")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("detailNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.notes.textChanged.connect(self._mark_dirty)
        form.addRow("&Notes", self.notes)
        self.problem = plain_label("", self, name="detailProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        outer.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save changes", self)
        self.save_button.setObjectName("detailSave")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert", self)
        self.revert_button.clicked.connect(lambda: self.load(self.contact_id, force=True))
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.setEnabled(False)

    def _line(self, form: QFormLayout, key: str, label: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName("detail" + "".join(p.title() for p in key.split("_")))
        edit.textEdited.connect(self._mark_dirty)
        form.addRow(label, edit)
        return edit

    def _combo(self, form: QFormLayout, name: str, label: str, values) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItems(list(values))
        combo.activated.connect(self._mark_dirty)
        form.addRow(label, combo)
        return combo

    def _mark_dirty(self, *_args) -> None:
        self.dirty = True

    # -- loading -------------------------------------------------------------------
    def load(self, contact_id: int | None, *, force: bool = False) -> str | None:
        """Show a contact (None: nothing). Unsaved edits of the same contact are kept
        unless `force`. Returns the contact's stage."""
        same = contact_id == self.contact_id
        self.contact_id = contact_id
        self.setEnabled(contact_id is not None)
        if contact_id is None:
            self.title.setText("")
            self.summary.setText("")
            return None
        try:
            contact, data = load_contact(self.ctx.db, contact_id)
        except NotFound:
            self.contact_id = None
            self.setEnabled(False)
            return None
        self.title.setText(data.display_name + ("  (archived)" if contact.archived_at else ""))
        last = contact.last_touch_at.astimezone(self.ctx.clock.tz).strftime("%d %b %Y") \
            if contact.last_touch_at else "never"
        touches = f"{contact.touch_count} touch{'' if contact.touch_count == 1 else 'es'}"
        self.summary.setText(f"{contact.stage} · {touches} · last touch {last}")
        self.local_time.setText(their_local_time(data.time_zone, self.ctx.clock.now(),
                                                 self.ctx.clock.zone_name))
        self._fill_links(data)
        if same and self.dirty and not force:
            return contact.stage
        self.data = data
        region = self.ctx.prefs.phone_region
        values = {key: getattr(data, key) for key in self.fields
                  if key not in ("phones", "emails", "tags")}
        values["phones"] = "; ".join(display(n, region) for _l, n in data.phones)
        values["emails"] = "; ".join(a for _l, a in data.emails)
        values["tags"] = ", ".join(data.tags)
        for key, edit in self.fields.items():
            edit.setText(values[key])
            edit.setCursorPosition(0)
        self.stage.setCurrentText(data.stage)
        self.channel.setCurrentText(data.preferred_channel)
        self.time_zone.blockSignals(True)
        self.time_zone.setCurrentText(data.time_zone or "")
        self.time_zone.blockSignals(False)
        self.notes.blockSignals(True)
        self.notes.setPlainText(data.notes)
        self.notes.blockSignals(False)
        self._set_referrer(data.referred_by, mark=False)
        self.problem.clear()
        self.dirty = False
        return contact.stage

    def _fill_links(self, data: ContactData) -> None:
        while self.links.count():
            widget = self.links.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        region = self.ctx.prefs.phone_region
        for _label, number in data.phones[:3]:
            self._link("☎ " + display(number, region), tel_uri(number))
        for _label, address in data.emails[:2]:
            self._link("✉ " + address, "mailto:" + QUrl.toPercentEncoding(address, b"@").data().decode())

    def _link(self, text: str, url: str) -> None:
        button = QPushButton(text, self)  # button text is never rich text
        button.setObjectName("contactLink")
        button.setFlat(True)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self.open_url(url))
        button.setStyleSheet("text-align: left")
        self.links.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        button.show()

    def open_url(self, url: str) -> None:
        self.opened_url.emit(url)
        QDesktopServices.openUrl(QUrl(url))

    def _set_referrer(self, contact_id: int | None, mark: bool = True) -> None:
        self.referred_by = contact_id
        self.referrer.setText(contact_label(self.ctx.db, contact_id) or "nobody")
        if mark:
            self.dirty = True

    def pick_referrer(self) -> ReferrerDialog:
        from ui.contacts.dialog import ReferrerDialog

        dialog = ReferrerDialog(self.ctx, self.contact_id, self)
        dialog.accepted.connect(lambda: self._set_referrer(dialog.chosen))
        dialog.open()
        return dialog

    # -- saving --------------------------------------------------------------------
    def edited_data(self) -> ContactData:
        def pairs(text: str, old: tuple) -> tuple:
            values = [v.strip() for v in text.split(";") if v.strip()]
            return tuple((old[i][0] if i < len(old) else "", v) for i, v in enumerate(values))

        text = {key: edit.text() for key, edit in self.fields.items()}
        return replace(
            self.data,
            first_name=text["first_name"], last_name=text["last_name"], company=text["company"],
            job_title=text["job_title"], phones=pairs(text["phones"], self.data.phones),
            emails=pairs(text["emails"], self.data.emails), street=text["street"],
            city=text["city"], region=text["region"], postal_code=text["postal_code"],
            country=text["country"], source=text["source"], referred_by=self.referred_by,
            stage=self.stage.currentText(), preferred_channel=self.channel.currentText(),
            time_zone=self.time_zone.currentText().strip() or None,
            tags=tuple(t.strip() for t in text["tags"].split(",") if t.strip()),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> bool:
        if self.contact_id is None:
            return False
        data = self.edited_data()
        try:
            validate(data, self.ctx.prefs.phone_region)
        except UserError as exc:
            self.problem.setText(exc.message)
            return False
        self.dirty = False
        outcome = self.ctx.run(self.window(), update_contact, self.ctx.clock, self.contact_id,
                               data, self.ctx.prefs.phone_region)
        if outcome is None:
            self.dirty = True
            return False
        self.problem.clear()
        self.saved.emit(self.contact_id)
        return True

"""An e-mail draft (.eml) that sends the verslag to the participants: nothing is sent here.

`mail_recipients(library, session_id)` lists the participants who agreed (to be named in and
to receive the report: the consent the app records) and gave an e-mail address;
`make_draft(...)` builds a message with them in BCC, the verslag attached, a short text to
edit and `X-Unsent: 1`, so a mail client opens it as a new, unsent message.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr
from pathlib import Path

from sqlalchemy import select

from workshop.i18n import translator
from workshop.model import Participant, WorkSession
from workshop.store.library import Library


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


@dataclass(frozen=True)
class MailContext:
    title: str
    date_text: str
    organiser: str
    facilitators: str
    recipients: tuple[Recipient, ...]
    skipped: int  # participants with an address who did not agree


def _valid(address: str) -> bool:
    address = address.strip()
    return "@" in address and " " not in address and "\n" not in address and len(address) <= 320


def mail_context(library: Library, session_id: int, lang: str = "nl") -> MailContext:
    """What the draft needs from the library (runs on the DB worker)."""
    from workshop.i18n import format_long_date

    with library.read() as db:
        s = db.get(WorkSession, session_id)
        if s is None:
            raise LookupError(session_id)
        people = db.scalars(select(Participant).where(Participant.session_id == session_id)).all()
        recipients = []
        skipped = 0
        seen: set[str] = set()
        for p in people:
            email = (p.email or "").strip()
            if not _valid(email):
                continue
            if not p.may_be_named:
                skipped += 1
                continue
            if email.casefold() in seen:
                continue
            seen.add(email.casefold())
            recipients.append(Recipient(" ".join(p.name.split()), email))
        return MailContext(
            title=" ".join(s.title.split()),
            date_text=format_long_date(s.date, lang) if s.date else "",
            organiser=" ".join((s.organiser or "").split()),
            facilitators=" ".join((s.facilitators or "").split()),
            recipients=tuple(recipients),
            skipped=skipped,
        )


def make_draft(ctx: MailContext, attachment: Path, lang: str = "nl") -> bytes:
    """The draft as RFC 5322 bytes: BCC to the recipients, the report attached, unsent."""
    _ = translator(lang)
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = _("Report: {title}").format(title=ctx.title)
    if ctx.recipients:
        msg["Bcc"] = ", ".join(formataddr((r.name, r.email)) for r in ctx.recipients)
    msg["X-Unsent"] = "1"
    when = f" {_('of {date}').format(date=ctx.date_text)}" if ctx.date_text else ""
    sender = ctx.facilitators or ctx.organiser
    body = _(
        "Hello,\n\n"
        "Thank you for taking part in “{title}”{when}. Attached you will find the report.\n"
        "Anything to add or correct? Reply to this e-mail.\n\n"
        "Kind regards,\n{sender}\n"
    ).format(title=ctx.title, when=when, sender=sender)
    msg.set_content(body)
    data = attachment.read_bytes()
    mime = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
    maintype, subtype = mime.split("/", 1)
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=attachment.name)
    return msg.as_bytes()

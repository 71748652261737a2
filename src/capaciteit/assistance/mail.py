"""E-mail through the configured SMTP server (stdlib ``smtplib``), when there is one."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from email.message import EmailMessage

from capaciteit.settings import Settings

TIMEOUT_S = 10


def mail_enabled(settings: Settings) -> bool:
    """True when ``CAPACITEIT_SMTP_HOST`` names a server."""
    return bool(settings.smtp_host)


def send(settings: Settings, recipients: Sequence[str], subject: str, body: str) -> int:
    """Send one plain-text message to each recipient; return how many were sent.

    Raises ``OSError``/``smtplib.SMTPException`` when the server cannot be reached or
    refuses; the caller says so (the step itself is already stored).
    """
    if not mail_enabled(settings) or not recipients:
        return 0
    assert settings.smtp_host is not None
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_S) as server:
        if settings.smtp_starttls:
            server.starttls()
        if settings.smtp_user:
            server.login(settings.smtp_user, settings.smtp_password or "")
        for recipient in recipients:
            message = EmailMessage()
            message["From"] = settings.smtp_sender
            message["To"] = recipient
            message["Subject"] = subject
            message.set_content(body)
            server.send_message(message)
    return len(recipients)

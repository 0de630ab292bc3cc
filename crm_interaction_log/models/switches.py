# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What only the module's own code may switch: recording paused, the fields
that record what happened written, a postponed interaction dropped.

A context variable rather than a context key: a request can set any context
key (the web client sends a context with every call, XML-RPC and the
``/report`` routes take one from the client), not this. Only code running on
the server, inside a ``switched`` block, sees a switch on.
"""

import contextlib
import contextvars

# Recording, paused while Odoo does something that only looks like a print
# or an e-mail to a contact:
# - PRINTS: a PDF rendered as an e-mail's attachment, a signed delivery slip
#   or a customer's download from the portal is not a document we handed out;
# - CHATTER_EMAILS: the message that sends a document records the document,
#   not an e-mail to each recipient.
PRINTS = "prints"
CHATTER_EMAILS = "chatter_emails"
# E-mails received through the mail gateway, the only way an e-mail from a
# contact reaches a record's chatter: what it posts records an inbound e-mail.
RECEIVED_EMAILS = "received_emails"
# Activities marked done by Create Interaction, which logs its own entry.
ACTIVITIES = "activities"
# The fields of an entry that record what happened (which document, by whom,
# canceled, postponed, delivered ...), written by the module's own methods.
AUDIT_FIELDS = "audit_fields"
# A postponed interaction, deleted with "Delete" of its list, as only
# canceled entries otherwise are.
UNLINK_POSTPONED = "unlink_postponed"
# A segment being logged, whose state and logged segment are then written.
SEGMENT_LOGGING = "segment_logging"

_switched = contextvars.ContextVar("crm_interaction_log_switched", default=frozenset())


@contextlib.contextmanager
def switched(*kinds):
    """Within this block, the switches of ``kinds`` are on."""
    token = _switched.set(_switched.get() | frozenset(kinds))
    try:
        yield
    finally:
        _switched.reset(token)


def is_switched(kind):
    return kind in _switched.get()


def audit_fields_writable(env):
    """Whether ``env`` may write what the log recorded: the superuser (the
    server's own jobs), or the module's own code inside ``switched(AUDIT_FIELDS)``."""
    return env.is_superuser() or is_switched(AUDIT_FIELDS)


def pause_recording(*kinds):
    """Within this block, the recording hooks of ``kinds`` record nothing."""
    return switched(*kinds)


def recording_paused(kind):
    return is_switched(kind)

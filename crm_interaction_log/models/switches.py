# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What only the module's own code may switch: recording paused, the fields
that record what happened written, a postponed interaction dropped.

A context variable rather than a context key: a request can set any context
key (the web client sends a context with every call, XML-RPC and the
``/report`` routes take one from the client), not this. Only code running on
the server, inside a ``switched`` block, sees a switch on. It is the one switch
of the module: nobody, not even the superuser (``sudo()``), writes the fields
that record what happened outside ``switched(AUDIT_FIELDS)``, which wraps only
the call that writes them.
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
# A person forgotten: an administrator erases or anonymizes its entries
# through Privacy Lookup (privacy_lookup), the one way a logged entry goes.
ERASE = "erase"
# SMS Odoo sends, whose state it writes with their trackers': their entries
# follow the SMS alone.
SMS_SENDING = "sms_sending"
# A segment being logged, whose state and logged segment are then written.
SEGMENT_LOGGING = "segment_logging"

_switched = contextvars.ContextVar("crm_interaction_log_switched", default=frozenset())


@contextlib.contextmanager
def switched(*kinds):
    """Within this block, the switches of ``kinds`` are on: the recording
    hooks of PRINTS, CHATTER_EMAILS ... record nothing, the module writes the
    AUDIT_FIELDS. Wrap only the call that needs it."""
    token = _switched.set(_switched.get() | frozenset(kinds))
    try:
        yield
    finally:
        _switched.reset(token)


def is_switched(kind):
    """Whether the switch ``kind`` is on: a recording hook paused, the audit
    fields written by the module's own code ..."""
    return kind in _switched.get()

from . import crm_interaction_log_entry
from . import mail_mail
from . import mailing_trace

from . import crm_interaction_log_entry
from . import mail_mail
from . import mailing_trace
from . import crm_segment_contacts_wizard

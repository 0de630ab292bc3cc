from . import crm_interaction_create_wizard
from . import crm_interaction_evaluate_wizard
from . import crm_interaction_switch_canceled_wizard
from . import crm_interaction_delete_canceled_wizard
from . import crm_interaction_template_copy_wizard
from . import crm_segment_wizards
from . import crm_interaction_template_setup
from . import mail_compose_message

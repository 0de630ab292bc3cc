from . import crm_interaction_template_setup

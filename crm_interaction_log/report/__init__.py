from . import crm_interaction_analysis

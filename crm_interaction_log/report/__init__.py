from . import crm_interaction_analysis
from . import crm_interaction_letter

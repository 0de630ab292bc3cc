from . import crm_interaction_group
from . import crm_interaction_template
from . import crm_interaction_template_language
from . import crm_interaction_log_entry
from . import crm_interaction_log_comment
from . import res_partner
from . import ir_attachment

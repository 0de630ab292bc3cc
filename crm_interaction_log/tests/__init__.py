from . import test_interaction_template
from . import test_interaction_log_entry
from . import test_partner_statistics
from . import test_create_interaction_wizard
from . import test_delete_canceled
from . import test_record_documents
from . import test_segment

from . import test_mailing_interactions
from . import test_bridge
from . import test_segment_mailing_list

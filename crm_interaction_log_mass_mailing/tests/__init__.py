from . import test_mailing_interactions
from . import test_test_discovery
from . import test_translations
from . import test_segment_mailing_list

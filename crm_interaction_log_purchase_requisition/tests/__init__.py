from . import test_purchase_agreements
from . import test_test_discovery
from . import test_translations

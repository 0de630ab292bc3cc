from . import test_purchase_agreements
from . import test_bridge

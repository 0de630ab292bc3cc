from . import test_repair_orders
from . import test_test_discovery
from . import test_translations

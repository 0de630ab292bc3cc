from . import test_repair_orders
from . import test_bridge

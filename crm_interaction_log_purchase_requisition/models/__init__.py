from . import purchase_requisition

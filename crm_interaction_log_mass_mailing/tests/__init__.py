from . import test_mailing_interactions
from . import test_translations

from . import test_mailing_interactions

"""Countries are registry records: everyone reads them, editors correct them, admins delete them."""

from m4d.accounts.rules import registry_rules
from m4d.places.models import Country

registry_rules(Country)

"""The handbook's toolbox (being written: issue 3)."""

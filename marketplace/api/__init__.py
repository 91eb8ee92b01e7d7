"""What every Gigwise API endpoint shares: errors, pagination, schema conventions, routing.

The endpoints themselves live with their app (``accounts/api.py``, ``projects/api/``); this
package holds only the conventions they follow, so that every resource answers the same way.
"""

"""The person's data as a whole: export (GDPR Art. 15 and 20) and deletion (Art. 17).

At the top of the dependency line, it reads every app to gather or purge one person's data;
nothing imports it.
"""

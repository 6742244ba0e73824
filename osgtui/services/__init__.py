"""Live counts from Jira, Freshdesk and GGUS over HTTP (``requests``), for the minutes.

Modules: :mod:`.http` (the one HTTP client and its error mapping), :mod:`.jira`,
:mod:`.freshdesk`, :mod:`.ggus` (one service each) and :mod:`.fetch`
(:func:`~osgtui.services.fetch.fetch_all`, every configured service in parallel).
Nothing here touches the database or prints.
"""

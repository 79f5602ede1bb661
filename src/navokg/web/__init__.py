"""The web side of navokg: the SPARQL 1.1 Protocol endpoint and the research pages.

``navokg.serve`` assembles the application from these modules::

    workers.py    a pool of processes that each open the store read-only and run tasks;
                  a task past its time limit is killed with its process
    sparql.py     protocol logic that runs in a worker: formats, negotiation, refusals,
                  evaluation under the size cap, the service description
    endpoint.py   the /sparql route: reads the protocol's request forms
    text.py       sentences around evidence, highlight segments, folding names for search
    facts.py      facts with dates and evidence, links and labels, loaded in bulk
    data.py       what each research page shows, queried in a worker
    views.py      the drawn views' data: one navokg.network call each, in the commands' JSON
    pages.py      the research pages' routes (Jinja2 templates, static CSS/JS)
    api.py        the JSON endpoints the page scripts draw from (/api/...)
    responses.py  the one error body shape and the template environment
"""

from __future__ import annotations

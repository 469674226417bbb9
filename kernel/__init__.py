"""The kernel: the pieces every register and page shares, importing no app of the project.

Lifecycles and the domain error, uploads checked by content, private downloads, PDFs,
caches (pages, Principals, fragments) and their middleware, rate limits, broker-safe enqueue.
"""

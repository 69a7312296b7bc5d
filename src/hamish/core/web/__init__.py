"""Articles and feeds from the web, UI-free.

* ``pages.fetch_page(url, progress=, cancel=)`` fetches a URL and reads it as an article
  (``WebPage``: the article, the bytes to save and their description); blocking, for a worker
  thread, reporting ``fetch.Progress`` and stopping when ``cancel()`` says so.
* ``saved.save_page`` and ``saved.find_saved_page`` keep pages in the library directory;
  ``saved.read_url`` (the saved copy, else fetched) and ``saved.save_url`` are how the app and
  the commands open and save a URL.
* ``settings.FetchSettings``: the time and size bounds, without the HTTP client;
  ``progress.progress_text`` says how far a fetch has got.
* ``feed_store.FeedStore`` (feeds, items, read state) with ``feed_update.add_feed`` and
  ``feed_update.update_feed`` follow feeds; ``feeds.parse_feed`` reads one.
* ``urls`` tells URLs from file names and compares them.

Every failure is a ``fetch.FetchError``, a ``LoadError`` whose ``str()`` is ``URL: reason`` on
one line. The network is touched only through ``fetch.fetch``, which bounds time, size and
redirects. Nothing is imported here, so that code needing only ``urls`` does not pay for httpx.
"""

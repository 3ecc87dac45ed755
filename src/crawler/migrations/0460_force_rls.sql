-- Least privilege (issue 10, finding 10): FORCE row-level security on the crawler tables and evaluate the
-- scope functions once per query in their policies (ketenplein_harden, migration 0095).
SELECT ketenplein_harden(ARRAY['crawl_investigations', 'crawl_adapters', 'crawl_runs', 'crawl_frontier',
  'crawl_snapshots', 'crawl_errors', 'crawl_identifier_decisions']);

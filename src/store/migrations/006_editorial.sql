-- Editorial workflow: drafts, revisions, reviews (issue 4). Filled in by the editorial work.
SELECT 1;

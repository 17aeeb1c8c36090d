-- HPO ontology and disease annotations (issue 5). Filled in by the HPO importer work.
SELECT 1;

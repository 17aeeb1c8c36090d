-- 008: the UMLS semantic types and group of an article's focus, as MedQuAD
-- annotates them ("T047 T184", "Disorders"): what kind of thing the article
-- is about (a disease, a sign or symptom, a drug, a procedure), which the
-- symptom checker reads to rank only disorders as diagnoses. Types are kept
-- space-separated in the source's order; both empty where the source gives
-- none (the site's own articles). Articles imported before this migration
-- have none until MedQuAD is imported again.
ALTER TABLE articles ADD COLUMN semantic_types TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN semantic_group TEXT NOT NULL DEFAULT '';

-- One person index: signals' lookup index (signal_identifiers, 0100/0101) is the one that links persons and
-- that data-subject requests search. linkage_blocks (0500) was a second index that nothing but its own tests
-- wrote or read (src/linkage/store.ts, removed), so it goes; its row-level policies go with it.
DROP TABLE IF EXISTS linkage_blocks;

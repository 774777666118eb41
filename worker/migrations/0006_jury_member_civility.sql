-- A jury member's civility, apart from the name, so that documents agree with it (« la présidente
-- du jury ») instead of guessing from the name. NULL: not given, documents use a neutral wording.
ALTER TABLE jury_member ADD COLUMN civility TEXT CHECK (civility IN ('Mme', 'M.'));

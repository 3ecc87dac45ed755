-- Cases, care and the partner feeds bring new partners and roles into the chain (src/access/roles.ts):
-- the RIEC and the Zorg- en Veiligheidshuis (who chair the casusoverleg), youth care institutions
-- (missing minors) and the visa desk of Foreign Affairs; roles for the chair, a shelter's intake,
-- CoMensha's registrar, youth care, the programme team, the visa desk and feed publishers.
ALTER TABLE organisations DROP CONSTRAINT organisations_type_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_type_check CHECK (type IN (
  'police_unit', 'labour_inspectorate', 'kmar', 'public_prosecution', 'municipality',
  'care_coordination', 'shelter', 'ngo', 'comensha', 'fiu', 'ministry', 'school',
  'riec', 'zorg_veiligheidshuis', 'youth_care', 'foreign_affairs'));

ALTER TABLE users DROP CONSTRAINT users_roles_check;
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['intake', 'triage', 'investigator',
  'care_coordinator', 'municipal_coordinator', 'analyst', 'privacy_officer', 'admin',
  'consultation_chair', 'provider_intake', 'registrar', 'youth_care_worker', 'programme_manager',
  'visa_officer', 'feed_publisher']::text[]);

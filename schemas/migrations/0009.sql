-- Version 8 → 9: units and people numbered, and each event carrying the numbers of its unit
-- and person besides their ids. A run resolves every event's unit and person; by number that
-- is one array read, by id a hash of the text and a probe of a table larger than the cache.
-- A number is given once, when the unit or person is first imported (the next after the
-- highest), and never changes: not the rowid, which VACUUM may renumber.
ALTER TABLE orgs ADD COLUMN no INTEGER;
UPDATE orgs SET no = rowid;
CREATE UNIQUE INDEX orgs_no ON orgs(no);
ALTER TABLE people ADD COLUMN no INTEGER;
UPDATE people SET no = rowid;
CREATE UNIQUE INDEX people_no ON people(no);
ALTER TABLE events ADD COLUMN org_no INTEGER REFERENCES orgs(no);
ALTER TABLE events ADD COLUMN person_no INTEGER REFERENCES people(no);
UPDATE events SET org_no = (SELECT no FROM orgs WHERE orgs.id = events.org),
                  person_no = (SELECT no FROM people WHERE people.id = events.person);

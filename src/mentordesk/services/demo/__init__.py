"""Demo data: a believable programme with two years of history, built in one transaction.

`build_demo(db, size, seed, as_of)` fills an empty database with sponsors and
their branches, programmes, volunteers at every stage of the pipeline (with
employment history, screening checks and pre-match training), youth, matches
with their sessions and support contacts, trainings, socials, conferences and
learning circles. Everything is relative to `as_of` and follows the rules in
`mentordesk.domain.rules`:

- every volunteer who was ever matched was eligible at each match start
  (required checks clear and unexpired, at least 2 hours of pre-match training);
- a youth never has two running one-to-one matches at the same time (nor does
  a match of theirs overlap another in time);
- a volunteer in an open match has the status "matched", a youth in one
  "matched";
- every session lies within its match's dates and within the two years before
  `as_of` (matches that began earlier have their sessions from then on).

The same (size, seed, as_of) always gives the same rows: only one seeded
`random.Random` per stage is used, and nothing depends on the clock except the
`as_of` default and the created/updated timestamps.

Rows are written with bulk Core inserts (`session.execute(insert(Model.__table__),
rows)`, in chunks) inside one `db.transaction()`, so a failure or a cancel leaves
the database as it was. The large size (2,000 volunteers, 3,000 matches, 150,000
sessions) takes about 8 s.

The package:

- `config`: the sizes (`DemoSize`, `SIZES`), `DemoSummary`, `DemoCancelled`, `TABLES`
  and the limits shared by every stage;
- `vocabulary`: names, cultures, places, words, shares and transliteration;
- `helpers`: `slug` and the seeded random picks;
- `plan`: the planned records and `_Planner` (every decision, no database);
- `write`: `_Writer` and `_RecordWriter` (organisation, volunteers, youth, matches);
- `activity`: `_ActivityWriter` (sessions, support contacts, events, learning circles);
- `build`: `build_demo` and `_Generator`, which puts the stages together.
"""

from .build import build_demo
from .config import SIZES, TABLES, DemoCancelled, DemoSize, DemoSummary
from .helpers import slug

__all__ = ["SIZES", "TABLES", "DemoCancelled", "DemoSize", "DemoSummary", "build_demo", "slug"]

-- Durable background work on H2 2.x: one row per typed item (io.github.backgroundwork.jdbc).
-- Safe to run again: every statement is IF NOT EXISTS. Same table as on PostgreSQL; H2 has no
-- partial indexes, so the indexes lead with the column the partial ones filter on.
CREATE TABLE IF NOT EXISTS background_work (
	id            VARCHAR(64)   NOT NULL PRIMARY KEY,  -- chosen by the enqueuing instance
	name          VARCHAR(200)  NOT NULL,              -- the handler's name
	work_key      VARCHAR(1000),                       -- the item's key, kept after it ends
	live_key      VARCHAR(1000),                       -- the key while QUEUED, SCHEDULED or RUNNING; NULL once ended
	payload       CHARACTER LARGE OBJECT NOT NULL,     -- JSON
	payload_type  VARCHAR(500)  NOT NULL,              -- class the payload is read back as
	state         VARCHAR(16)   NOT NULL,
	attempts      INTEGER       DEFAULT 0 NOT NULL,    -- runs started
	max_retries   INTEGER       NOT NULL,              -- runs allowed after the first
	not_before    TIMESTAMP WITH TIME ZONE NOT NULL,   -- due time, by the database's clock
	owner         VARCHAR(200),                        -- instance that claimed it last
	lease_until   TIMESTAMP WITH TIME ZONE,            -- while RUNNING: when the owner's claim expires
	enqueued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
	started_at    TIMESTAMP WITH TIME ZONE,
	finished_at   TIMESTAMP WITH TIME ZONE,            -- set when it ends
	error         CHARACTER LARGE OBJECT,              -- error of the latest failure
	trace_context VARCHAR(4000),                       -- enqueuing trace context
	cancel_requested BOOLEAN DEFAULT FALSE NOT NULL,    -- while RUNNING: an operator asked its owner to cancel it
	queue         VARCHAR(200)  DEFAULT 'backgroundWorkQueue' NOT NULL, -- bean name of the queue that claims it
	context       CHARACTER LARGE OBJECT,              -- MDC entries captured at enqueue, a JSON object
	unreadable_by VARCHAR(200),                        -- the last instance that could not read it and handed it back
	unreadable_reason CHARACTER LARGE OBJECT,          -- why; both kept while it waits, cleared when it is claimed
	-- REGEXP_LIKE, not IN lists or equalities: H2 2.4.240 breaks a check that compares strings
	-- once the session that created it closes (h2database#4302), and pools retire connections
	CONSTRAINT background_work_state_check
		CHECK (REGEXP_LIKE(state, '^(QUEUED|SCHEDULED|RUNNING|SUCCEEDED|FAILED|CANCELLED)$')),
	CONSTRAINT background_work_live_key_check
		CHECK (live_key IS NULL OR REGEXP_LIKE(state, '^(QUEUED|SCHEDULED|RUNNING)$'))
);

-- Tables created before cancel_requested existed get it here (a no-op on new tables).
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;
-- Tables created before queues had their own items, diagnostic context and unreadable items get
-- them here; their rows belong to the auto-configured queue.
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS queue VARCHAR(200) DEFAULT 'backgroundWorkQueue' NOT NULL;
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS context CHARACTER LARGE OBJECT;
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS unreadable_by VARCHAR(200);
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS unreadable_reason CHARACTER LARGE OBJECT;

-- Keys: at most one live item per (name, key). live_key is NULL once an item ends and for
-- items without a key, and NULLs never collide (H2's default), so ended items free their key.
-- An insert that hits it is a duplicate. Also serves look-ups by name.
CREATE UNIQUE INDEX IF NOT EXISTS background_work_live_key_idx ON background_work (name, live_key);

-- Claim: due rows (state QUEUED or SCHEDULED, then not_before), in the order the claim reads them,
-- then the queue, checked in the index. It replaces the index of versions without queues, on
-- (state, not_before).
DROP INDEX IF EXISTS background_work_due_idx;
CREATE INDEX IF NOT EXISTS background_work_queue_due_idx ON background_work (state, not_before, queue);

-- Rescue: running rows whose lease expired.
CREATE INDEX IF NOT EXISTS background_work_lease_idx ON background_work (state, lease_until);

-- Retention: ended rows by end time, deleted in bounded batches.
CREATE INDEX IF NOT EXISTS background_work_finished_idx ON background_work (finished_at);

-- Endpoint: pages newest first filtered by state (and name), and counts of live rows per state.
CREATE INDEX IF NOT EXISTS background_work_state_idx ON background_work (state, enqueued_at);

-- Endpoint: pages newest first of every state (filtered by name or not).
CREATE INDEX IF NOT EXISTS background_work_enqueued_idx ON background_work (enqueued_at);

-- Operator retries: when an operator last had an ended item run again (NULL if none did).
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS retried_at TIMESTAMP WITH TIME ZONE;

-- Pauses: one row per paused name of work of a queue, kept across restarts and read by every
-- instance at least once per poll interval; name '' (never a name of work, which is not blank)
-- pauses the whole queue.
CREATE TABLE IF NOT EXISTS background_work_pause (
	queue     VARCHAR(200)  NOT NULL,                  -- bean name of the queue
	name      VARCHAR(200)  NOT NULL,                  -- the paused name of work; '' for the whole queue
	paused_at TIMESTAMP WITH TIME ZONE NOT NULL,       -- by the database's clock
	paused_by VARCHAR(200)  NOT NULL,                  -- the instance that paused it (its owner id)
	PRIMARY KEY (queue, name)
);

-- History (tables created before it get these columns here): the latest failure's stack trace
-- with its causes, cut to background-work.history.max-stack-trace; and the attempts before the
-- latest one, one JSON object a line, oldest first, of which the last 16000 characters are kept
-- (the latest attempt is the row's own started_at, finished_at, owner, state and error).
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS stack_trace CHARACTER LARGE OBJECT;
ALTER TABLE background_work ADD COLUMN IF NOT EXISTS attempt_history CHARACTER LARGE OBJECT;

-- Retention per outcome: ended rows of one state by end time, so that the batches of a short
-- retention (SUCCEEDED) never read the older rows a longer one (FAILED) keeps.
CREATE INDEX IF NOT EXISTS background_work_state_finished_idx ON background_work (state, finished_at);

-- Instances: one row per queue of each instance that claims from the store, written when it
-- starts and with every lease renewal, marked stopped when it stops; the cleaner deletes rows not
-- seen for a day. Live: not stopped and seen within a lease.
CREATE TABLE IF NOT EXISTS background_work_instance (
	id           VARCHAR(200)  NOT NULL PRIMARY KEY,  -- the owner of the rows it claims
	queue        VARCHAR(200)  NOT NULL,              -- bean name of its queue
	host         VARCHAR(255)  NOT NULL,
	started_at   TIMESTAMP WITH TIME ZONE NOT NULL,   -- by the database's clock
	concurrency  INTEGER       NOT NULL,
	names        CHARACTER LARGE OBJECT NOT NULL,     -- the names it has handlers for, one a line
	last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,   -- by the database's clock
	stopped_at   TIMESTAMP WITH TIME ZONE             -- set when it stopped claiming, by the database's clock
);

-- Recurring work: the due time each recurring name waits for, one row per name. An instance
-- moves a name to its next due time with UPDATE ... WHERE item_id = <the item it waited for>,
-- in the transaction that inserts the next item, so of instances that race one wins.
CREATE TABLE IF NOT EXISTS background_work_recurring (
	name          VARCHAR(200)  NOT NULL PRIMARY KEY,  -- the recurring name
	next_due      TIMESTAMP WITH TIME ZONE NOT NULL,   -- the due time it waits for
	item_id       VARCHAR(64)   NOT NULL,              -- the item enqueued for next_due
	schedule      VARCHAR(1000) NOT NULL,              -- the schedule next_due was computed from
	last_item_id  VARCHAR(64),                         -- the item of the due time before
	updated_at    TIMESTAMP WITH TIME ZONE NOT NULL    -- by the database's clock
);

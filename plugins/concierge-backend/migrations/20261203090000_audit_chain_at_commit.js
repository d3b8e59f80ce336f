/*
 * PostgreSQL only: the audit chain is extended at commit time, inside the database.
 *
 * A transaction that changes a request writes its audit entries to concierge_audit_pending. A
 * deferred constraint trigger fires for each of them when the transaction commits: it locks the
 * chain head, computes the entry's hash exactly as auditChain.ts does (SHA-256 over the JSON
 * array [prev_hash, seq, at, actor, action, request_id, details]), appends the entry to
 * concierge_audit, moves the head and removes the pending row. The state change and its entry
 * still commit together or not at all, and entries are chained in commit order; but the head's
 * row lock, which serialises every audited transaction, is now held from the commit's start to
 * its end instead of across the backend's round trips (under load the backend's event loop kept
 * it waiting, and the lock was the flow's bottleneck).
 *
 * SQLite runs one write transaction at a time anyway; there the backend chains in process.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;

  await knex.schema.createTable('concierge_audit_pending', table => {
    table.comment('Audit entries of transactions not yet committed; chained and moved at commit');
    table.bigIncrements('id').comment('Insertion order');
    table.string('at', 30).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('request_id', 36).nullable();
    table.text('details').notNullable();
  });

  // The function keeps the search_path it was made with (the plugin's schema, whatever the
  // caller's), so it always writes this plugin's tables.
  // to_json(text) escapes as JSON.stringify does (", \, \b \f \n \r \t, other control
  // characters as lowercase \u00xx, nothing else); the array is written without spaces, as
  // JSON.stringify writes it. The store test checks both sides agree on awkward strings.
  await knex.raw(`
    CREATE FUNCTION concierge_audit_chain() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT
    AS $fn$
    DECLARE
      head_seq bigint;
      head_hash varchar(64);
      next_hash varchar(64);
    BEGIN
      SELECT seq, hash INTO head_seq, head_hash FROM concierge_audit_head WHERE id = 1 FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'concierge_audit_head has no row 1';
      END IF;
      head_seq := head_seq + 1;
      next_hash := encode(sha256(convert_to(
        '[' || to_json(head_hash)::text
        || ',' || head_seq::text
        || ',' || to_json(NEW.at)::text
        || ',' || to_json(NEW.actor)::text
        || ',' || to_json(NEW.action)::text
        || ',' || coalesce(to_json(NEW.request_id)::text, 'null')
        || ',' || to_json(NEW.details)::text
        || ']', 'UTF8')), 'hex');
      INSERT INTO concierge_audit (seq, at, actor, action, request_id, details, prev_hash, hash)
        VALUES (head_seq, NEW.at, NEW.actor, NEW.action, NEW.request_id, NEW.details, head_hash, next_hash);
      UPDATE concierge_audit_head SET seq = head_seq, hash = next_hash WHERE id = 1;
      DELETE FROM concierge_audit_pending WHERE id = NEW.id;
      RETURN NULL;
    END
    $fn$
  `);
  await knex.raw(`
    CREATE CONSTRAINT TRIGGER concierge_audit_chain
      AFTER INSERT ON concierge_audit_pending
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION concierge_audit_chain()
  `);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('DROP TRIGGER IF EXISTS concierge_audit_chain ON concierge_audit_pending');
  await knex.raw('DROP FUNCTION IF EXISTS concierge_audit_chain()');
  await knex.schema.dropTableIfExists('concierge_audit_pending');
};

// @ts-check

/**
 * The concierge's tables. Times are stored as ISO-8601 UTC strings of one fixed width
 * (Date#toISOString), so they compare correctly as text on SQLite and PostgreSQL alike.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('concierge_requests', table => {
    table.comment('Time-bound access requests and the grants they become');
    table.string('id', 36).primary().comment('Request id (UUID)');
    table.string('requester', 255).notNullable().comment('User entity ref of who asked');
    table.string('resource_ref', 255).notNullable().comment('Resource entity ref asked for');
    table.string('resource_title', 255).nullable().comment('Resource title when asked');
    table.string('access_level', 16).notNullable().comment('read, write or admin');
    table.integer('duration_minutes').notNullable().comment('Granted length once active');
    table.text('justification').notNullable().comment('Why the requester needs it');
    table.string('ticket', 255).nullable().comment('Optional ticket reference');
    table.boolean('break_glass').notNullable().defaultTo(false).comment('Granted at once, reviewed later');
    table.string('state', 16).notNullable().comment('pending, approved, active, expired, revoked, denied, cancelled, failed');
    table.string('policy', 255).notNullable().comment('Name of the access policy that matched');
    table.integer('approvals_required').notNullable().comment('Approvals the policy asks for');
    table.text('approver_groups').notNullable().comment('JSON list of group refs allowed to approve');
    table.string('provider', 64).notNullable().comment('Credential provider id');
    table.string('target', 255).notNullable().comment('Provider target: database name, token audience');
    table.string('created_at', 30).notNullable().comment('When asked');
    table.string('updated_at', 30).notNullable().comment('Last state change');
    table.string('pending_until', 30).nullable().comment('A pending request expires at this time');
    table.string('activated_at', 30).nullable().comment('When the credential was issued');
    table.string('expires_at', 30).nullable().comment('When the grant ends');
    table.string('issuing_until', 30).nullable().comment('Lease of the worker issuing the credential');
    table.text('failure_reason').nullable().comment('Why issuance failed');
    table.string('review_due_at', 30).nullable().comment('Break-glass: review due by');
    table.string('reviewed_at', 30).nullable().comment('Break-glass: reviewed at');
    table.string('reviewed_by', 255).nullable().comment('Break-glass: reviewed by');
    table.string('credential_reference', 255).nullable().comment('Public handle of the credential (role name, token id)');
    table.string('credential_kind', 64).nullable().comment('What the credential is');
    table.text('credential_secret').nullable().comment('Encrypted secret (AES-256-GCM) until revealed once, then null');
    table.text('credential_details').nullable().comment('JSON of non-secret facts about the credential');
    table.string('revealed_at', 30).nullable().comment('When the requester revealed the secret');
    table.index(['requester', 'created_at'], 'concierge_requests_requester_idx');
    table.index(['resource_ref', 'state'], 'concierge_requests_resource_idx');
    table.index(['state', 'expires_at'], 'concierge_requests_state_idx');
  });

  await knex.schema.createTable('concierge_decisions', table => {
    table.comment('Approvals and denials, one per approver and request');
    table.bigIncrements('id').primary().comment('Row id');
    table.string('request_id', 36).notNullable().references('id').inTable('concierge_requests').onDelete('CASCADE').comment('The request');
    table.string('actor', 255).notNullable().comment('User entity ref of the approver');
    table.string('decision', 16).notNullable().comment('approve or deny');
    table.text('comment').nullable().comment('The approver comment');
    table.string('at', 30).notNullable().comment('When decided');
    table.unique(['request_id', 'actor'], { indexName: 'concierge_decisions_once_idx' });
  });

  await knex.schema.createTable('concierge_idempotency', table => {
    table.comment('Idempotency keys of create calls');
    table.string('requester', 255).notNullable().comment('User entity ref the key belongs to');
    table.string('key', 255).notNullable().comment('The Idempotency-Key header');
    table.string('body_hash', 64).notNullable().comment('SHA-256 of the canonical request body');
    table.string('request_id', 36).notNullable().comment('The request the first call created');
    table.string('created_at', 30).notNullable().comment('When first used');
    table.primary(['requester', 'key']);
  });

  await knex.schema.createTable('concierge_audit', table => {
    table.comment('Append-only, hash-chained audit log');
    table.bigInteger('seq').primary().comment('Position in the chain, 1, 2, 3 ... without gaps');
    table.string('at', 30).notNullable().comment('When it happened');
    table.string('actor', 255).notNullable().comment('Who did it (user ref or the concierge itself)');
    table.string('action', 64).notNullable().comment('What happened, e.g. request.created');
    table.string('request_id', 36).nullable().comment('The request it is about');
    table.text('details').notNullable().comment('JSON details, hashed exactly as stored');
    table.string('prev_hash', 64).notNullable().comment('Hash of the previous entry');
    table.string('hash', 64).notNullable().comment('SHA-256 over prev_hash and this entry');
    table.index(['request_id', 'seq'], 'concierge_audit_request_idx');
  });

  await knex.schema.createTable('concierge_audit_head', table => {
    table.comment('The last entry of the audit chain; its row lock serialises appends');
    table.integer('id').primary().comment('Always 1');
    table.bigInteger('seq').notNullable().comment('Seq of the last entry');
    table.string('hash', 64).notNullable().comment('Hash of the last entry');
  });
  await knex('concierge_audit_head').insert({ id: 1, seq: 0, hash: '0'.repeat(64) });

  await knex.schema.createTable('concierge_signing_keys', table => {
    table.comment('Keys that sign access tokens; the private half is encrypted');
    table.string('kid', 64).primary().comment('Key id, as in the JWKS');
    table.text('public_jwk').notNullable().comment('Public key as JWK JSON');
    table.text('private_jwk').notNullable().comment('Encrypted private key JWK');
    table.string('created_at', 30).notNullable().comment('When made');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('concierge_signing_keys');
  await knex.schema.dropTable('concierge_audit_head');
  await knex.schema.dropTable('concierge_audit');
  await knex.schema.dropTable('concierge_idempotency');
  await knex.schema.dropTable('concierge_decisions');
  await knex.schema.dropTable('concierge_requests');
};

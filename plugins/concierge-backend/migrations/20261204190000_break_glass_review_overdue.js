// @ts-check

/**
 * Break-glass reviews that were not done in time: the sweep marks the request once, records it
 * in the audit log and tells the reviewers, so that an overdue review is seen and escalated
 * instead of waiting silently in the inbox.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('concierge_requests', table => {
    table
      .string('review_overdue_at', 30)
      .nullable()
      .comment('Break-glass: when the sweep found the review overdue and escalated it');
    // The sweep looks for reviews still to escalate every few seconds: only break-glass rows
    // not yet reviewed nor escalated are in this index, so the look-up stays small however
    // many requests the table holds.
    table.index(['review_due_at'], 'concierge_requests_review_due_idx', {
      predicate: knex.whereNotNull('review_due_at').whereNull('reviewed_at').whereNull('review_overdue_at'),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('concierge_requests', table => {
    table.dropIndex(['review_due_at'], 'concierge_requests_review_due_idx');
  });
  // Not knex's dropColumn: on SQLite it rebuilds the table, and dropping the old one inside the
  // migration's transaction (where foreign keys cannot be switched off) cascades to
  // concierge_decisions and deletes every decision. SQLite (3.35 and later) and PostgreSQL both
  // drop the column in place.
  await knex.raw('ALTER TABLE concierge_requests DROP COLUMN review_overdue_at');
};

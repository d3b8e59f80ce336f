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
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('concierge_requests', table => {
    table.dropColumn('review_overdue_at');
  });
};

/*
 * The Decisions page opens on every record, newest first: an index in exactly that order
 * (undated records last, then the tie-breakers the list uses) turns the first page from a sort
 * of the whole table into a read of its first entries.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(
    `CREATE INDEX adr_records_date_sort_idx ON adr_records
       ((CASE WHEN date IS NULL THEN 1 ELSE 0 END), date DESC, entity_ref, number, id)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX adr_records_date_sort_idx');
};

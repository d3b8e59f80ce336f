/*
 * The decision index: one row per record, its tags and links, problems per entity, the folders
 * read (with their etags) and the refresh runs. Full-text search uses FTS5 on SQLite and a
 * generated tsvector with a GIN index on PostgreSQL.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';

  await knex.schema.createTable('adr_records', table => {
    table.comment('Architecture decision records found in the ADR folders of catalog entities');
    table.string('id', 64).primary().notNullable();
    table.string('entity_ref', 255).notNullable().index();
    table.string('entity_kind', 64).notNullable();
    table.text('entity_title');
    table.string('system', 255).index();
    table.string('domain', 255).index();
    table.string('owner', 255).index();
    table.string('path', 1024).notNullable();
    table.integer('number');
    table.text('title').notNullable();
    table.string('format', 16).notNullable();
    table.string('status', 16).index();
    table.text('status_raw');
    table.string('date', 10).index();
    table.text('deciders').notNullable();
    table.text('consulted').notNullable();
    table.text('informed').notNullable();
    table.text('tags').notNullable();
    table.text('links').notNullable();
    table.text('sections').notNullable();
    table.text('summary').notNullable();
    table.text('body').notNullable();
    table.text('problems').notNullable();
    table.integer('problem_count').notNullable().defaultTo(0);
    table.text('url').notNullable();
    table.text('folder_url').notNullable();
    table.string('content_hash', 64).notNullable();
    table.text('search_meta').notNullable();
    // SQLite: the rowid of this record in adr_records_fts (a 52-bit hash of the id), so that
    // full-text matches join on integers instead of reading a stored id per match.
    table.bigInteger('search_rowid').notNullable().index();
    table.string('indexed_at', 32).notNullable();
    table.index(['entity_ref', 'number'], 'adr_records_entity_number_idx');
  });

  await knex.schema.createTable('adr_tags', table => {
    table.comment('Tags of each record, for the tag filter and facet');
    table
      .string('record_id', 64)
      .notNullable()
      .references('id')
      .inTable('adr_records')
      .onDelete('CASCADE');
    table.string('tag', 255).notNullable();
    table.primary(['record_id', 'tag']);
    table.index(['tag'], 'adr_tags_tag_idx');
  });

  await knex.schema.createTable('adr_links', table => {
    table.comment('Supersedes / superseded-by / amends / amended-by links as written, resolved when possible');
    table.increments('link_id');
    table
      .string('from_id', 64)
      .notNullable()
      .references('id')
      .inTable('adr_records')
      .onDelete('CASCADE');
    table.string('type', 16).notNullable();
    table.text('target').notNullable();
    table.integer('number');
    table.text('path');
    table.string('to_id', 64).index();
    table.index(['from_id'], 'adr_links_from_idx');
  });

  await knex.schema.createTable('adr_problems', table => {
    table.comment('Problems found while indexing, per entity and file, shown to the owners');
    table.increments('problem_id');
    table.string('entity_ref', 255).notNullable().index();
    table.text('path');
    table.text('url');
    table.string('severity', 16).notNullable();
    table.text('message').notNullable();
    table.string('detected_at', 32).notNullable();
  });

  await knex.schema.createTable('adr_entities', table => {
    table.comment('Entities with an ADR folder, and what the last read of that folder gave');
    table.string('entity_ref', 255).primary().notNullable();
    table.text('folder_url');
    table.text('etag');
    table.string('refreshed_at', 32).notNullable();
    table.string('state', 16).notNullable();
  });

  await knex.schema.createTable('adr_refresh_runs', table => {
    table.comment('One row per index refresh, for status and history');
    table.increments('run_id');
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).notNullable();
    table.text('summary').notNullable();
  });

  if (isPostgres) {
    await knex.raw(`
      ALTER TABLE adr_records ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(summary, '') || ' ' || coalesce(search_meta, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(body, '')), 'C')
      ) STORED`);
    await knex.raw(
      'CREATE INDEX adr_records_search_idx ON adr_records USING GIN (search_vector)',
    );
  } else {
    await knex.raw(
      `CREATE VIRTUAL TABLE adr_records_fts USING fts5(
        title, summary, meta, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
      )`,
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') {
    await knex.raw('DROP TABLE IF EXISTS adr_records_fts');
  }
  await knex.schema.dropTable('adr_refresh_runs');
  await knex.schema.dropTable('adr_entities');
  await knex.schema.dropTable('adr_problems');
  await knex.schema.dropTable('adr_links');
  await knex.schema.dropTable('adr_tags');
  await knex.schema.dropTable('adr_records');
};

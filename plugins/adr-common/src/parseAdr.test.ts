import { isAdrFileName, normaliseAdrStatus, parseAdrReference } from './adrFields';
import { parseAdr } from './parseAdr';

const madr4 = `---
status: accepted
date: 2025-03-14
decision-makers: [Camille Martin, Yann Le Gall]
consulted:
  - security-team
informed: platform-team
tags: [Security, access]
---
# Use short-lived credentials through the concierge

## Context and Problem Statement

Nobody should hold a permanent credential to a production database.
Standing access leaks.

## Considered Options

* Vault only
* The concierge

## Decision Outcome

Chosen option: "The concierge".
`;

describe('parseAdr', () => {
  it('reads a MADR 4 record with front matter', () => {
    const adr = parseAdr(madr4, { path: 'docs/adr/0001-use-the-concierge.md' });
    expect(adr).toMatchObject({
      number: 1,
      fileName: '0001-use-the-concierge.md',
      title: 'Use short-lived credentials through the concierge',
      format: 'madr-4',
      status: 'accepted',
      statusRaw: 'accepted',
      date: '2025-03-14',
      deciders: ['Camille Martin', 'Yann Le Gall'],
      consulted: ['security-team'],
      informed: ['platform-team'],
      tags: ['security', 'access'],
      summary:
        'Nobody should hold a permanent credential to a production database. Standing access leaks.',
      problems: [],
    });
    expect(adr.sections.map(s => s.title)).toEqual([
      'Context and Problem Statement',
      'Considered Options',
      'Decision Outcome',
    ]);
    expect(adr.sections[1].markdown).toBe('* Vault only\n* The concierge');
    expect(adr.body.startsWith('# Use short-lived credentials')).toBe(true);
  });

  it('reads MADR 3 deciders, a superseded status and supersedes links', () => {
    const old = parseAdr(
      `---\nstatus: "superseded by [ADR-0004](0004-use-outbox.md)"\ndate: 2024-01-09\ndeciders: Alice, Bob\n---\n# Publish events directly\n\n## Context and Problem Statement\n\nWe publish.\n`,
      { path: '0002-publish-events-directly.md' },
    );
    expect(old).toMatchObject({
      format: 'madr-3',
      status: 'superseded',
      statusRaw: 'superseded by [ADR-0004](0004-use-outbox.md)',
      deciders: ['Alice', 'Bob'],
      links: [{ type: 'superseded-by', target: 'ADR-0004', number: 4, path: '0004-use-outbox.md' }],
    });
    const successor = parseAdr(
      `---\nstatus: accepted\ndate: 2024-06-01\nsupersedes: [ADR-0002]\namends: ["0001-record-decisions.md"]\n---\n# Use a transactional outbox\n`,
      { path: '0004-use-outbox.md' },
    );
    expect(successor.links).toEqual([
      { type: 'supersedes', target: 'ADR-0002', number: 2 },
      { type: 'amends', target: '0001-record-decisions.md', number: 1, path: '0001-record-decisions.md' },
    ]);
  });

  it('reads a MADR 2 record with its metadata list under the title', () => {
    const adr = parseAdr(
      `# Use PostgreSQL for payments\n\n* Status: deprecated\n* Deciders: Alice, Bob\n* Date: 2024-02-10\n\n## Context and Problem Statement\n\nWe need a store.\n\n## Decision Outcome\n\nPostgreSQL.\n`,
      { path: '0003-use-postgresql.md' },
    );
    expect(adr).toMatchObject({
      format: 'madr-2',
      status: 'deprecated',
      date: '2024-02-10',
      deciders: ['Alice', 'Bob'],
      summary: 'We need a store.',
      problems: [],
    });
  });

  it('reads a Nygard record with a Date line and a superseded status section', () => {
    const adr = parseAdr(
      `# 2. Use a relational journal\n\nDate: 2024-05-02\n\n## Status\n\nAccepted\n\nSuperseded by [3. Use event sourcing](0003-use-event-sourcing.md)\n\n## Context\n\nThe ledger needs history.\n\n## Decision\n\nA journal table.\n\n## Consequences\n\nNone.\n`,
      { path: 'doc/adr/0002-use-a-relational-journal.md' },
    );
    expect(adr).toMatchObject({
      number: 2,
      title: 'Use a relational journal',
      format: 'nygard',
      status: 'superseded',
      date: '2024-05-02',
      summary: 'The ledger needs history.',
      links: [
        {
          type: 'superseded-by',
          target: '3. Use event sourcing',
          number: 3,
          path: '0003-use-event-sourcing.md',
        },
      ],
    });
    expect(adr.problems).toEqual([]);
  });

  it('reads Supersedes and Amends lines in a Nygard status section', () => {
    const adr = parseAdr(
      `# 3. Use event sourcing\n\nDate: 2024-09-01\n\n## Status\n\nAccepted\n\nSupersedes [2. Use a relational journal](0002-use-a-relational-journal.md)\n\nAmends [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nx\n\n## Decision\n\ny\n`,
      { path: '0003-use-event-sourcing.md' },
    );
    expect(adr.status).toBe('accepted');
    expect(adr.links.map(l => [l.type, l.number])).toEqual([
      ['supersedes', 2],
      ['amends', 1],
    ]);
  });

  it('keeps the original status and normalises synonyms', () => {
    expect(normaliseAdrStatus('Approved')).toBe('accepted');
    expect(normaliseAdrStatus('Draft')).toBe('proposed');
    expect(normaliseAdrStatus('**Declined**')).toBe('rejected');
    expect(normaliseAdrStatus('Obsolete')).toBe('deprecated');
    expect(normaliseAdrStatus('Superseded by ADR-0009')).toBe('superseded');
    const adr = parseAdr('# X\n\nStatus: Approved\n', { path: '0009-x.md' });
    expect(adr.status).toBe('accepted');
    expect(adr.statusRaw).toBe('Approved');
  });

  it('reports an unknown status and an invalid date without failing', () => {
    const adr = parseAdr('---\nstatus: maybe\ndate: 2024-02-31\n---\n# X\n', { path: '0001-x.md' });
    expect(adr.status).toBeNull();
    expect(adr.statusRaw).toBe('maybe');
    expect(adr.date).toBeNull();
    expect(adr.problems.map(p => p.message)).toEqual([
      expect.stringContaining('Status "maybe" is not one of'),
      expect.stringContaining('Date "2024-02-31" is not a date'),
    ]);
  });

  it('reports front matter that is not YAML with its line, and still reads the body', () => {
    const adr = parseAdr('---\nstatus: [accepted\ndate: 2024-01-01\n---\n# Still here\n\n## Context\n\nText.\n', {
      path: '0005-broken.md',
    });
    expect(adr.title).toBe('Still here');
    expect(adr.summary).toBe('Text.');
    expect(adr.problems[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('Front matter is not valid YAML'),
    });
    expect(adr.problems[0].line).toBeGreaterThanOrEqual(2);
  });

  it('reports front matter that is a list rather than a mapping', () => {
    const adr = parseAdr('---\n- a\n- b\n---\n# T\n', { path: '0005-list.md' });
    expect(adr.problems[0].message).toBe('Front matter must be a YAML mapping of keys to values');
  });

  it('reports an empty file', () => {
    const adr = parseAdr('  \n\n', { path: '0006-empty.md' });
    expect(adr.problems).toEqual([{ severity: 'error', message: 'File is empty' }]);
    expect(adr.title).toBe('Empty');
  });

  it('reports a binary file', () => {
    const adr = parseAdr('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', { path: '0007-logo.md' });
    expect(adr.problems).toEqual([
      { severity: 'error', message: 'File is binary, not markdown text; it was not parsed' },
    ]);
  });

  it('refuses a file over the size limit without parsing it', () => {
    const big = `# Big\n\n${'lorem ipsum '.repeat(450_000)}`;
    const adr = parseAdr(big, { path: '0008-big.md' });
    expect(adr.problems).toEqual([
      {
        severity: 'error',
        message: 'File is 5.1 MB, over the 1.0 MB limit for a decision record; it was not parsed',
      },
    ]);
    expect(adr.body).toBe('');
  });

  it('flags script tags and javascript: links', () => {
    const adr = parseAdr(
      '# Evil\n\nStatus: accepted\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n',
      { path: '0010-evil.md' },
    );
    expect(adr.problems.map(p => p.message)).toEqual([
      'Contains a <script> tag; it is shown as text and never run',
      'Link to "javascript:alert(1)" uses an unsafe scheme; it is not rendered as a link',
    ]);
  });

  it('takes the title from the file name when there is no heading, and says so', () => {
    const adr = parseAdr('Status: accepted\n\nSome text.\n', { path: '0011-use-kafka.md' });
    expect(adr.title).toBe('Use kafka');
    expect(adr.problems.map(p => p.message)).toEqual([
      'No "# Title" heading; the title was taken from the file name',
    ]);
  });

  it('warns when the file name has no number', () => {
    const adr = parseAdr('# T\n\nStatus: accepted\n', { path: 'use-kafka.md' });
    expect(adr.number).toBeNull();
    expect(adr.problems[0].message).toContain('does not start with a record number');
  });
});

describe('isAdrFileName', () => {
  it('accepts numbered markdown files and ignores README, index and templates', () => {
    expect(isAdrFileName('0001-record-decisions.md')).toBe(true);
    expect(isAdrFileName('docs/adr/ADR-012-use-x.md')).toBe(true);
    expect(isAdrFileName('0001-record-decisions.markdown')).toBe(true);
    expect(isAdrFileName('README.md')).toBe(false);
    expect(isAdrFileName('index.md')).toBe(false);
    expect(isAdrFileName('template.md')).toBe(false);
    expect(isAdrFileName('adr-template.md')).toBe(false);
    expect(isAdrFileName('0000-template.md')).toBe(false);
    expect(isAdrFileName('0000-adr-template.md')).toBe(false);
    // A decision whose title ends in "template" is still a decision
    expect(isAdrFileName('0001-build-on-the-golden-service-template.md')).toBe(true);
    expect(isAdrFileName('0007-adopt-a-pull-request-template.md')).toBe(true);
    expect(isAdrFileName('0001-notes.txt')).toBe(false);
  });
});

describe('parseAdrReference', () => {
  it('reads numbers from ids, file names and links', () => {
    expect(parseAdrReference('ADR-0004')).toEqual({ number: 4 });
    expect(parseAdrReference('adr 12')).toEqual({ number: 12 });
    expect(parseAdrReference('7')).toEqual({ number: 7 });
    expect(parseAdrReference('Use X', '../other/0003-use-x.md#context')).toEqual({
      number: 3,
      path: '../other/0003-use-x.md',
    });
    expect(parseAdrReference('Use X', 'https://example.com/0003-use-x.md')).toEqual({});
  });
});

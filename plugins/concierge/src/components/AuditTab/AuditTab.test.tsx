import { AuditEntry } from '@souverain/plugin-concierge-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { auditEntries, THOMAS } from '../../__testUtils__/fixtures';
import { exportLines, serveConciergeBackend } from '../../__testUtils__/handlers';
import { renderAccessPage } from '../../__testUtils__/renderAccessPage';
import { setupConciergeServer } from '../../__testUtils__/testApis';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupConciergeServer();

/** Entries `from` down to `to`, newest first. */
function entries(from: number, to: number): AuditEntry[] {
  const items: AuditEntry[] = [];
  for (let seq = from; seq >= to; seq--) {
    items.push({
      seq,
      at: '2026-11-25T09:00:00.000Z',
      actor: THOMAS,
      action: 'request.created',
      requestId: `req-${seq}`,
      details: {},
      prevHash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
    });
  }
  return items;
}

describe('<AccessPage /> Audit log', () => {
  it('lists the latest entries with a shortened hash', async () => {
    serveConciergeBackend(server);
    await renderAccessPage('/access?tab=audit');
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('3');
    expect(within(rows[0]).getByText('credential.revealed')).toBeInTheDocument();
    expect(within(rows[0]).getByText('thomas.petit')).toBeInTheDocument();
    expect(within(rows[0]).getByText('req-2')).toBeInTheDocument();
    expect(within(rows[0]).getByText(`${auditEntries[0].hash.slice(0, 12)}…`)).toBeInTheDocument();
    expect(screen.getByText('Entries #1–#3 of 3')).toBeInTheDocument();
  });

  it('says the chain is intact', async () => {
    serveConciergeBackend(server);
    await renderAccessPage('/access?tab=audit');
    await userEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    const result = await screen.findByRole('alert', { name: 'Verification' });
    expect(result).toHaveTextContent('Chain intact, 3 entries (verified in 4 ms)');
    expect(result).toHaveAttribute('data-severity', 'success');
  });

  it('says where the chain is broken', async () => {
    serveConciergeBackend(server, {
      verification: {
        intact: false,
        entries: 3,
        headSeq: 3,
        durationMs: 5,
        firstBadSeq: 2,
        problem: 'altered',
        message: 'entry 2 was altered: its hash does not match its content',
      },
    });
    await renderAccessPage('/access?tab=audit');
    await userEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    const result = await screen.findByRole('alert', { name: 'Verification' });
    expect(result).toHaveTextContent(
      'Chain broken at entry #2: entry 2 was altered: its hash does not match its content',
    );
    expect(result).toHaveAttribute('data-severity', 'error');
  });

  it('downloads the log as concierge-audit.jsonl', async () => {
    serveConciergeBackend(server);
    const blobs: Blob[] = [];
    const clicked: Array<{ download: string; href: string }> = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:http://localhost/audit';
    });
    const revokeObjectURL = jest.fn();
    // jsdom has no object URLs
    const { createObjectURL: originalCreate, revokeObjectURL: originalRevoke } = URL;
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push({ download: this.download, href: this.href });
      });
    try {
      await renderAccessPage('/access?tab=audit');
      await userEvent.click(await screen.findByRole('button', { name: 'Export' }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(clicked[0]).toEqual({
        download: 'concierge-audit.jsonl',
        href: 'blob:http://localhost/audit',
      });
      expect(blobs[0].type).toBe('application/x-ndjson');
      // The whole log, one entry a line
      expect(blobs[0].size).toBe(new TextEncoder().encode(exportLines(auditEntries)).length);
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/audit'),
      );
    } finally {
      click.mockRestore();
      Object.assign(URL, { createObjectURL: originalCreate, revokeObjectURL: originalRevoke });
    }
  });

  it('pages to older entries and back', async () => {
    serveConciergeBackend(server, { audit: entries(120, 1) });
    await renderAccessPage('/access?tab=audit');
    expect(await screen.findByText('Entries #71–#120 of 120')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Entries #21–#70 of 120')).toBeInTheDocument();
    expect(screen.getAllByTestId('audit-row')[0]).toHaveTextContent('req-70');
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('Entries #71–#120 of 120')).toBeInTheDocument();
  });

  it('says when the log is empty', async () => {
    serveConciergeBackend(server, { audit: [] });
    await renderAccessPage('/access?tab=audit');
    expect(await screen.findByText('The audit log is empty')).toBeInTheDocument();
  });

  it('is not offered to those who may not read the audit log', async () => {
    serveConciergeBackend(server, { permissions: { create: true, auditRead: false } });
    await renderAccessPage('/access?tab=audit');
    // The tab asked for in the URL falls back to "My requests"
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'My requests',
      'Approvals',
    ]);
    expect(screen.queryByRole('button', { name: 'Verify' })).not.toBeInTheDocument();
    expect(screen.queryAllByTestId('audit-row')).toHaveLength(0);
  });

  it('is offered to auditors next to the other tabs', async () => {
    serveConciergeBackend(server);
    await renderAccessPage('/access');
    await screen.findByText('No requests yet');
    await userEvent.click(screen.getByRole('tab', { name: 'Audit log' }));
    expect(await screen.findByRole('button', { name: 'Verify' })).toBeInTheDocument();
  });
});

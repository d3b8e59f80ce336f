import { AuditEntry } from '@souverain/plugin-concierge-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { auditEntries, identity, mockConciergeApi, THOMAS } from '../../__testUtils__/fixtures';
import { renderAccessPage } from '../../__testUtils__/renderAccessPage';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

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
    const api = mockConciergeApi();
    await renderAccessPage('/access?tab=audit', api);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('3');
    expect(within(rows[0]).getByText('credential.revealed')).toBeInTheDocument();
    expect(within(rows[0]).getByText('thomas.petit')).toBeInTheDocument();
    expect(within(rows[0]).getByText('req-2')).toBeInTheDocument();
    expect(within(rows[0]).getByText(`${auditEntries[0].hash.slice(0, 12)}…`)).toBeInTheDocument();
    expect(screen.getByText('Entries #1–#3 of 3')).toBeInTheDocument();
    expect(api.audit).toHaveBeenCalledWith({ limit: 50 });
  });

  it('says the chain is intact', async () => {
    const api = mockConciergeApi();
    await renderAccessPage('/access?tab=audit', api);
    await userEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    const result = await screen.findByRole('alert', { name: 'Verification' });
    expect(result).toHaveTextContent('Chain intact, 3 entries (verified in 4 ms)');
    expect(result).toHaveAttribute('data-severity', 'success');
  });

  it('says where the chain is broken', async () => {
    const api = mockConciergeApi({
      verify: jest.fn(async () => ({
        intact: false,
        entries: 3,
        headSeq: 3,
        durationMs: 5,
        firstBadSeq: 2,
        problem: 'altered' as const,
        message: 'entry 2 was altered: its hash does not match its content',
      })),
    });
    await renderAccessPage('/access?tab=audit', api);
    await userEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    const result = await screen.findByRole('alert', { name: 'Verification' });
    expect(result).toHaveTextContent(
      'Chain broken at entry #2: entry 2 was altered: its hash does not match its content',
    );
    expect(result).toHaveAttribute('data-severity', 'error');
  });

  it('downloads the log as concierge-audit.jsonl', async () => {
    const api = mockConciergeApi();
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
      await renderAccessPage('/access?tab=audit', api);
      await userEvent.click(await screen.findByRole('button', { name: 'Export' }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(clicked[0]).toEqual({
        download: 'concierge-audit.jsonl',
        href: 'blob:http://localhost/audit',
      });
      expect(api.exportLines).toHaveBeenCalledTimes(1);
      expect(blobs[0].type).toBe('application/x-ndjson');
      expect(blobs[0].size).toBe('{"seq":1}\n{"seq":2}\n{"seq":3}\n'.length);
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/audit'),
      );
    } finally {
      click.mockRestore();
      Object.assign(URL, { createObjectURL: originalCreate, revokeObjectURL: originalRevoke });
    }
  });

  it('pages to older entries and back', async () => {
    const api = mockConciergeApi({
      audit: jest.fn(async options =>
        options?.before === 71
          ? { items: entries(70, 21), headSeq: 120 }
          : { items: entries(120, 71), headSeq: 120 },
      ),
    });
    await renderAccessPage('/access?tab=audit', api);
    expect(await screen.findByText('Entries #71–#120 of 120')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Entries #21–#70 of 120')).toBeInTheDocument();
    expect(api.audit).toHaveBeenLastCalledWith({ limit: 50, before: 71 });
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('Entries #71–#120 of 120')).toBeInTheDocument();
  });

  it('says when the log is empty', async () => {
    const api = mockConciergeApi({ audit: jest.fn(async () => ({ items: [], headSeq: 0 })) });
    await renderAccessPage('/access?tab=audit', api);
    expect(await screen.findByText('The audit log is empty')).toBeInTheDocument();
  });

  it('is not offered to those who may not read the audit log', async () => {
    const api = mockConciergeApi({
      whoami: jest.fn(async () => identity({ permissions: { create: true, auditRead: false } })),
    });
    await renderAccessPage('/access?tab=audit', api);
    // The tab asked for in the URL falls back to "My requests"
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'My requests',
      'Approvals',
    ]);
    expect(screen.queryByRole('button', { name: 'Verify' })).not.toBeInTheDocument();
    expect(api.audit).not.toHaveBeenCalled();
  });

  it('is offered to auditors next to the other tabs', async () => {
    await renderAccessPage('/access');
    await screen.findByText('No requests yet');
    await userEvent.click(screen.getByRole('tab', { name: 'Audit log' }));
    expect(await screen.findByRole('button', { name: 'Verify' })).toBeInTheDocument();
  });
});

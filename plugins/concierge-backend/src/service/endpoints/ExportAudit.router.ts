import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { ExportAuditModel } from './ExportAudit.model';

/** GET /audit/export: JSON lines, streamed as the store reads them, as a download. */
export function bindExportAuditEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: ExportAuditModel; callers: Callers },
): void {
  router.get('/audit/export', async (req, res) => {
    await deps.model.authorize(await deps.callers.actorOf(req));
    // The log holds no secrets, and an export of a long log is worth compressing.
    res.set('Cache-Control', 'no-store');
    res.set('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.set(
      'Content-Disposition',
      'attachment; filename="concierge-audit.jsonl"',
    );
    await deps.model.export(async entries => {
      const chunk = `${entries.map(entry => JSON.stringify(entry)).join('\n')}\n`;
      if (!res.write(chunk)) {
        await new Promise(resolve => res.once('drain', resolve));
      }
    });
    res.end();
  });
}

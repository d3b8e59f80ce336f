import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import { AuditEntry } from '@souverain/plugin-concierge-common';
import { formatDateTime, shortHash, shortRef } from '../../lib/format';

/** Audit entries: sequence, time, actor, action, request and a shortened hash. */
export function AuditTable(props: { items: AuditEntry[] }) {
  return (
    <Table size="small" aria-label="Audit entries">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>At</TableCell>
          <TableCell>Actor</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>Request</TableCell>
          <TableCell>Hash</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(entry => (
          <TableRow key={entry.seq} data-testid="audit-row">
            <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{entry.seq}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</TableCell>
            <TableCell>
              <Tooltip title={entry.actor}>
                <span>{shortRef(entry.actor)}</span>
              </Tooltip>
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{entry.action}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{entry.requestId ?? '–'}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              <Tooltip title={`${entry.hash} (previous: ${entry.prevHash})`}>
                <span>{shortHash(entry.hash)}</span>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

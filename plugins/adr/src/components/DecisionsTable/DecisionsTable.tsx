import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { AdrSummary } from '@souverain/plugin-adr-common';
import { recordRouteRef } from '../../routes';
import { useRecordLinkState } from '../../lib/listState';
import { formatAdrNumber } from '../../lib/format';
import { StatusChip } from '../StatusChip';

/** Props of {@link DecisionsTable}. */
export interface DecisionsTableProps {
  items: AdrSummary[];
  /** Show the entity and system columns (off on an entity's own tab). */
  showEntity?: boolean;
  /** Show each record's summary under its title. */
  showSummary?: boolean;
  size?: 'small' | 'medium';
}

/** Decision records in a table: status, number, title (a link to the record), entity, date. */
export function DecisionsTable(props: DecisionsTableProps) {
  const { items, showEntity = true, showSummary = true, size = 'medium' } = props;
  const recordLink = useRouteRef(recordRouteRef);
  const linkState = useRecordLinkState();
  return (
    <Table size={size} aria-label="Decision records">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 120 }}>Status</TableCell>
          <TableCell sx={{ width: 100 }}>Number</TableCell>
          <TableCell>Title</TableCell>
          {showEntity && <TableCell sx={{ minWidth: 170 }}>Entity and system</TableCell>}
          <TableCell sx={{ width: 110 }}>Date</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => (
          <TableRow key={item.id} data-testid="decision-row" hover>
            <TableCell>
              <StatusChip status={item.status} statusRaw={item.statusRaw} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
              {formatAdrNumber(item.number) || '–'}
            </TableCell>
            <TableCell>
              {recordLink ? (
                <Link to={recordLink({ id: item.id })} state={linkState}>
                  <Typography component="span" variant="body1" fontWeight={500}>
                    {item.title}
                  </Typography>
                </Link>
              ) : (
                <Typography component="span" fontWeight={500}>
                  {item.title}
                </Typography>
              )}
              {showSummary && item.summary && (
                <Typography
                  variant="body2"
                  color="text.secondary"
                  sx={{
                    mt: 0.5,
                    display: '-webkit-box',
                    WebkitLineClamp: 2,
                    WebkitBoxOrient: 'vertical',
                    overflow: 'hidden',
                  }}
                >
                  {item.summary}
                </Typography>
              )}
              {item.problemCount > 0 && (
                <Typography variant="caption" color="warning.main">
                  {item.problemCount} problem{item.problemCount === 1 ? '' : 's'} in this file
                </Typography>
              )}
            </TableCell>
            {showEntity && (
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <EntityRefLink entityRef={item.entityRef} />
                {item.system && item.system !== item.entityRef && (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                    in <EntityRefLink entityRef={item.system} hideIcon />
                  </Typography>
                )}
              </TableCell>
            )}
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{item.date ?? '–'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

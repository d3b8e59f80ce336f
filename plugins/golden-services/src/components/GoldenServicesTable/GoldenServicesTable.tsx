import { EntityRefLink } from '@backstage/plugin-catalog-react';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { GoldenServiceDrift } from '@souverain/plugin-golden-services-common';
import { Fragment, useState } from 'react';
import { ChangelogList } from '../ChangelogList';
import { DriftStatusChip } from '../DriftStatusChip';

/** Props of {@link GoldenServicesTable}. */
export interface GoldenServicesTableProps {
  services: GoldenServiceDrift[];
  /** Accessible name of the table, e.g. "Services created from Golden API service". */
  label: string;
  /** Show the template column (for services whose template is not in the catalog). */
  showTemplate?: boolean;
}

function ServiceRow(props: { service: GoldenServiceDrift; showTemplate: boolean }) {
  const { service, showTemplate } = props;
  const [open, setOpen] = useState(false);
  const columns = showTemplate ? 7 : 6;
  const detailsId = `what-changed-${service.namespace}-${service.name}`;
  return (
    <Fragment>
      <TableRow
        data-testid="golden-service-row"
        hover
        sx={{ '& > td': { borderBottom: open ? 'unset' : undefined } }}
      >
        <TableCell>
          <EntityRefLink entityRef={service.entityRef} title={service.title} />
        </TableCell>
        <TableCell>
          {service.owner ? <EntityRefLink entityRef={service.owner} hideIcon /> : '–'}
        </TableCell>
        <TableCell>
          {service.system ? <EntityRefLink entityRef={service.system} hideIcon /> : '–'}
        </TableCell>
        {showTemplate && <TableCell>{service.template}</TableCell>}
        <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{service.version ?? '–'}</TableCell>
        <TableCell>
          <DriftStatusChip service={service} />
        </TableCell>
        <TableCell align="right">
          {service.status === 'behind' && (
            <Button
              size="small"
              onClick={() => setOpen(value => !value)}
              aria-expanded={open}
              aria-controls={detailsId}
              endIcon={open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
            >
              What changed
            </Button>
          )}
        </TableCell>
      </TableRow>
      {service.status === 'behind' && (
        <TableRow>
          <TableCell colSpan={columns} sx={{ py: 0 }}>
            <Collapse in={open} timeout="auto" unmountOnExit>
              <Box id={detailsId} sx={{ py: 2, pl: 2 }}>
                <Typography variant="subtitle1" component="h3" sx={{ mb: 1 }}>
                  What changed since {service.version}
                </Typography>
                <ChangelogList
                  entries={service.missingChanges}
                  label={`Changes ${service.name} is missing`}
                />
              </Box>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

/** Services created from golden templates: owner, system, version and drift status. */
export function GoldenServicesTable(props: GoldenServicesTableProps) {
  const { services, label, showTemplate = false } = props;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>System</TableCell>
          {showTemplate && <TableCell>Template</TableCell>}
          <TableCell sx={{ width: 130 }}>Created from</TableCell>
          <TableCell sx={{ width: 180 }}>Status</TableCell>
          <TableCell sx={{ width: 150 }} aria-label="Details" />
        </TableRow>
      </TableHead>
      <TableBody>
        {services.map(service => (
          <ServiceRow key={service.entityRef} service={service} showTemplate={showTemplate} />
        ))}
      </TableBody>
    </Table>
  );
}

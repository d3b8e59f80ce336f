import Chip, { ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { GoldenServiceDrift } from '@souverain/plugin-golden-services-common';

/** The words a user sees for a service's drift status, e.g. "Behind by 2 versions". */
export function describeDriftStatus(
  service: Pick<GoldenServiceDrift, 'status' | 'versionsBehind'>,
): string {
  switch (service.status) {
    case 'current':
      return 'Up to date';
    case 'behind': {
      const n = service.versionsBehind ?? 1;
      return `Behind by ${n} version${n === 1 ? '' : 's'}`;
    }
    case 'ahead':
      return 'Ahead of template';
    case 'unknown-version':
      return 'Unknown version';
    case 'unknown-template':
    default:
      return 'Unknown template';
  }
}

const COLORS: Record<GoldenServiceDrift['status'], ChipProps['color']> = {
  current: 'success',
  behind: 'warning',
  ahead: 'info',
  'unknown-version': 'default',
  'unknown-template': 'error',
};

function explain(
  service: Pick<GoldenServiceDrift, 'status' | 'version' | 'template' | 'currentVersion'>,
) {
  switch (service.status) {
    case 'ahead':
      return `Stamped ${service.version}, but the template's current version is ${service.currentVersion}`;
    case 'unknown-version':
      return service.currentVersion
        ? `The version stamped on the service (${
            service.version ?? 'none'
          }) is not a semantic version`
        : 'The template does not carry a semantic version';
    case 'unknown-template':
      return `No golden template named "${service.template}" is in the catalog, or it is restricted to other teams`;
    default:
      return undefined;
  }
}

/** Props of {@link DriftStatusChip}. */
export interface DriftStatusChipProps {
  service: Pick<
    GoldenServiceDrift,
    'status' | 'versionsBehind' | 'version' | 'template' | 'currentVersion'
  >;
  size?: ChipProps['size'];
}

/** Where a service stands against its golden template, as a coloured chip. */
export function DriftStatusChip(props: DriftStatusChipProps) {
  const { service, size = 'small' } = props;
  const label = describeDriftStatus(service);
  const chip = (
    <Chip
      size={size}
      label={label}
      color={COLORS[service.status]}
      variant={service.status.startsWith('unknown') ? 'outlined' : 'filled'}
      data-status={service.status}
      sx={{ fontWeight: 500 }}
    />
  );
  const tooltip = explain(service);
  return tooltip ? (
    <Tooltip title={tooltip}>
      <span>{chip}</span>
    </Tooltip>
  ) : (
    chip
  );
}

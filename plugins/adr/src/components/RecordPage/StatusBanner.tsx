import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { AdrDetail } from '@souverain/plugin-adr-common';
import { RecordLink } from './RecordLink';

/** What became of a record that is no longer in force. */
export function StatusBanner(props: { record: AdrDetail }) {
  const { record } = props;
  const successors = record.links.filter(l => l.type === 'superseded-by');
  if (record.status === 'superseded' || successors.length > 0) {
    return (
      <Alert severity="warning" variant="filled" sx={{ mb: 3 }} role="status">
        {successors.length > 0 ? (
          successors.map(link => (
            <Box key={`${link.target}-${link.targetId}`} sx={{ '& a': { color: 'inherit', fontWeight: 700 } }}>
              Superseded by <RecordLink link={link} />
            </Box>
          ))
        ) : (
          <>This decision was superseded{record.statusRaw ? ` (${record.statusRaw})` : ''}.</>
        )}
      </Alert>
    );
  }
  if (record.status === 'deprecated') {
    return (
      <Alert severity="warning" sx={{ mb: 3 }} role="status">
        This decision is deprecated: it no longer applies.
      </Alert>
    );
  }
  if (record.status === 'rejected') {
    return (
      <Alert severity="info" sx={{ mb: 3 }} role="status">
        This decision was rejected: it records an option the team chose not to take.
      </Alert>
    );
  }
  return null;
}

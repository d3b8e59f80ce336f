import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { AdrLinkType, AdrResolvedLink } from '@souverain/plugin-adr-common';
import { StatusChip } from '../StatusChip';
import { RecordLink } from './RecordLink';

const LINK_LABELS: Record<AdrLinkType, string> = {
  supersedes: 'Supersedes',
  'superseded-by': 'Superseded by',
  amends: 'Amends',
  'amended-by': 'Amended by',
};

/** The "Related decisions" card: what the record supersedes or amends, and the reverse. */
export function RelatedDecisions(props: { links: AdrResolvedLink[] }) {
  const { links } = props;
  if (links.length === 0) return null;
  const types = (Object.keys(LINK_LABELS) as AdrLinkType[]).filter(type =>
    links.some(l => l.type === type),
  );
  return (
    <InfoCard title="Related decisions">
      <Box component="dl" sx={{ m: 0 }}>
        {types.map(type => (
          <Box key={type} sx={{ mb: 1.5 }}>
            <Typography variant="overline" component="dt" color="text.secondary">
              {LINK_LABELS[type]}
            </Typography>
            {links
              .filter(l => l.type === type)
              .map(link => (
                <Box
                  component="dd"
                  key={`${link.target}-${link.targetId}`}
                  sx={{ m: 0, mb: 0.5, display: 'flex', gap: 1, alignItems: 'center' }}
                >
                  {link.targetId && <StatusChip status={link.targetStatus} />}
                  <Typography variant="body2" component="span">
                    <RecordLink link={link} />
                  </Typography>
                </Box>
              ))}
          </Box>
        ))}
      </Box>
    </InfoCard>
  );
}

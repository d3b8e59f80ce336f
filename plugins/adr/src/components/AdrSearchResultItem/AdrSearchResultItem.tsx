import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { AdrStatus } from '@souverain/plugin-adr-common';
import { ReactElement } from 'react';
import { StatusChip } from '../StatusChip';

/** What the adr collator puts into a search document, besides title, text and location. */
interface AdrSearchDocument {
  title: string;
  text: string;
  location: string;
  status?: AdrStatus | null;
  date?: string | null;
  entityRef?: string;
}

/** A decision record among the global search results: title, status, entity, date, summary. */
export function AdrSearchResultItem(props: {
  result?: { title: string; text: string; location: string };
  icon?: ReactElement;
  rank?: number;
}) {
  const document = props.result as AdrSearchDocument | undefined;
  if (!document) return null;
  const summary = document.text.split('\n')[0];
  return (
    <ListItem alignItems="flex-start" divider>
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <ListItemText
        primary={
          <Box display="flex" alignItems="center" gap={1} flexWrap="wrap">
            <Link to={document.location}>{document.title}</Link>
            <StatusChip status={document.status ?? null} />
          </Box>
        }
        secondary={
          <>
            <Typography component="span" variant="body2" color="text.secondary" display="block">
              {summary.length > 240 ? `${summary.slice(0, 237)}...` : summary}
            </Typography>
            <Typography component="span" variant="caption" color="text.secondary">
              Decision record
              {document.entityRef && (
                <>
                  {' of '}
                  <EntityRefLink entityRef={document.entityRef} />
                </>
              )}
              {document.date && ` · ${document.date}`}
            </Typography>
          </>
        }
      />
    </ListItem>
  );
}

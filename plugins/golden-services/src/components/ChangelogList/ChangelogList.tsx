import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { TemplateChangelogEntry } from '@souverain/plugin-golden-services-common';

/** Props of {@link ChangelogList}. */
export interface ChangelogListProps {
  entries: TemplateChangelogEntry[];
  /** Accessible name of the list, e.g. "Changes payments-api is missing". */
  label: string;
}

/** Template versions with their date and changes, newest first. */
export function ChangelogList(props: ChangelogListProps) {
  const { entries, label } = props;
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        The template's changelog does not describe these versions.
      </Typography>
    );
  }
  return (
    <Box component="ul" aria-label={label} sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {entries.map(entry => (
        <Box component="li" key={entry.version} sx={{ '& + &': { mt: 1.5 } }}>
          <Typography variant="subtitle2" component="h4">
            {entry.version}
            {entry.date && (
              <Typography component="span" variant="body2" color="text.secondary">
                {' · '}
                {entry.date}
              </Typography>
            )}
          </Typography>
          {entry.changes.length > 0 ? (
            <Box component="ul" sx={{ mt: 0.5, mb: 0, pl: 2.5 }}>
              {entry.changes.map((change, i) => (
                <Typography component="li" variant="body2" key={i}>
                  {change}
                </Typography>
              ))}
            </Box>
          ) : (
            <Typography variant="body2" color="text.secondary">
              No change listed.
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}

import { Link } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { AdrIndexProblem } from '@souverain/plugin-adr-common';

/** Files of the entity's ADR folder that could not be read, shown to its owners. */
export function ProblemsPanel(props: { problems: AdrIndexProblem[] }) {
  const { problems } = props;
  if (problems.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }} aria-label="Problems in the decision records">
      <AlertTitle>
        {problems.length} problem{problems.length === 1 ? '' : 's'} in the decision records
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {problems.map((problem, i) => (
          <li key={i}>
            {problem.path && (
              <>
                {problem.url && /^https?:\/\//i.test(problem.url) ? (
                  <Link to={problem.url}>{problem.path}</Link>
                ) : (
                  <code>{problem.path}</code>
                )}
                {': '}
              </>
            )}
            {problem.message}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

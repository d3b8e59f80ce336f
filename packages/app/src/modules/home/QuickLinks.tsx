import { Link } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { PortalFeature } from './features';

function FeatureBody({ feature }: { feature: PortalFeature }) {
  return (
    <CardContent>
      <Box display="flex" alignItems="center" justifyContent="space-between" gap={1}>
        <Typography variant="h6" component="h3">
          {feature.title}
        </Typography>
        {!feature.path && <Chip size="small" label="coming soon" variant="outlined" />}
      </Box>
      <Typography variant="body2" color="text.secondary">
        {feature.description}
      </Typography>
    </CardContent>
  );
}

/** One card per portal feature; available ones link to their page. */
export function QuickLinks({ features }: { features: PortalFeature[] }) {
  return (
    <Grid container spacing={2} component="nav" aria-label="Quick links">
      {features.map(feature => (
        <Grid item xs={12} sm={6} md={3} key={feature.title}>
          <Card
            variant="outlined"
            sx={{ height: '100%', opacity: feature.path ? 1 : 0.65 }}
          >
            {feature.path ? (
              <CardActionArea
                component={Link}
                to={feature.path}
                sx={{ height: '100%', alignItems: 'flex-start' }}
              >
                <FeatureBody feature={feature} />
              </CardActionArea>
            ) : (
              <FeatureBody feature={feature} />
            )}
          </Card>
        </Grid>
      ))}
    </Grid>
  );
}

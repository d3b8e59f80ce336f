import { Content, Header, Page } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { HomePageSearchBar } from '@backstage/plugin-search';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { portalFeatures } from './features';
import { QuickLinks } from './QuickLinks';
import { SystemsAtAGlance } from './SystemsAtAGlance';

/** The landing page: what the portal is, where to go, and the org at a glance. */
export function HomePage() {
  const config = useApi(configApiRef);
  const org = config.getOptionalString('organization.name') ?? 'your organisation';
  return (
    <Page themeId="home">
      <Header
        title="Souverain"
        subtitle={`The internal developer portal of ${org}`}
      />
      <Content>
        <Box component="section" mb={4} maxWidth={900}>
          <Typography variant="body1" paragraph>
            Souverain turns one engineering blueprint into something you can click,
            read and enforce: golden services that ship with CI, Dockerfile, docs and
            decision records; the org&apos;s decisions, tenants and dependencies;
            delivery gates 0 to 5; error budgets and costs; and time-bound access to
            privileged resources, every step in an append-only audit log.
          </Typography>
          <HomePageSearchBar placeholder="Search services, APIs, teams and docs" />
        </Box>
        <Box component="section" mb={4}>
          <Typography variant="h5" component="h2" gutterBottom>
            Quick links
          </Typography>
          <QuickLinks features={portalFeatures} />
        </Box>
        <Box component="section">
          <Typography variant="h5" component="h2" gutterBottom>
            Systems at a glance
          </Typography>
          <SystemsAtAGlance />
        </Box>
      </Content>
    </Page>
  );
}

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The decision records collator (search document type `adr`). */
      adr?: {
        /** When decision records are collated. Default: every 10 minutes, 30 s after start. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}

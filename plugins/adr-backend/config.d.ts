import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  souverain?: {
    /** The decision browser's index. */
    adr?: {
      /** When the index is refreshed. Default: every 10 minutes, 10 s after start. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Largest ADR file parsed, in bytes. Default: 1048576 (1 MiB). */
      maxFileBytes?: number;
      /** How many ADR folders are read at once. Default: 8. */
      concurrency?: number;
    };
    /** Local folders that `file:` URLs may be read from (the demo org, a laptop checkout). */
    localFiles?: {
      /** Absolute paths, or paths relative to the backend's working directory. */
      roots?: string[];
    };
  };
}

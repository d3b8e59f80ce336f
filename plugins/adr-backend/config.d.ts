import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  souverain?: {
    /** The decision browser's index. */
    adr?: {
      /** When the index is refreshed. Default: every 10 minutes, 10 s after start. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Largest ADR file parsed, in bytes. Default: 1048576 (1 MiB). */
      maxFileBytes?: number;
      /**
       * How long read answers are reused, in seconds, when no refresh on this replica has
       * cleared them (a refresh on another replica shows after at most this long). 0 turns the
       * cache off. Default: 15.
       */
      responseCacheSeconds?: number;
      /** How many ADR folders are read at once. Default: 8. */
      concurrency?: number;
    };
  };
}

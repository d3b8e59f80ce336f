export interface Config {
  souverain?: {
    /** The concierge: time-bound access to privileged resources. */
    concierge?: {
      /**
       * Key (any string of at least 32 characters) that encrypts credentials waiting to be
       * revealed and the token signing keys. Required in production; every replica must share it.
       * @visibility secret
       */
      encryptionKey?: string;
      /** How long a request waits for approval before it expires, in hours. Default: 24. */
      pendingHours?: number;
      /**
       * Notifications to the same people within this many seconds are sent as one message.
       * 0 sends each at once. Default: 2.
       */
      notificationWindowSeconds?: number;
      /** How often grants are checked for expiry, in seconds. Default: 15. */
      sweepSeconds?: number;
      /**
       * Access policies, in order: the first whose `match` fits the resource and access level
       * decides. Replaces the shipped defaults (docs/concierge.md lists them).
       */
      policies?: Array<{
        /** Lower-case letters, digits and hyphens. */
        name: string;
        description?: string;
        /** Every listed key must match; a missing key matches anything. */
        match?: {
          /** Resource `spec.type` values, e.g. database. */
          type?: string[];
          /** `souverain.io/tenant` values. */
          tenant?: string[];
          /** Resource `spec.lifecycle` values. */
          lifecycle?: string[];
          /** `souverain.io/data-classification` values. */
          dataClassification?: string[];
          /** read, write or admin. */
          accessLevel?: Array<'read' | 'write' | 'admin'>;
        };
        /** Longest grant, as an ISO-8601 duration such as PT8H. */
        maxDuration: string;
        /** Approvals needed: 0 (automatic), 1 or 2 (two different people). */
        approvals: number;
        /** Who may approve: group refs, or "owner" for the resource's owner group. Default: ["owner"]. */
        approverGroups?: string[];
        /** Whether break-glass access is allowed. Default: false. */
        breakGlass?: boolean;
      }>;
      /** Break-glass access: granted at once, notified, reviewed afterwards. */
      breakGlass?: {
        /** Longest break-glass grant (ISO-8601). Default: PT1H. */
        maxDuration?: string;
        /** When the review is due after the grant (ISO-8601). Default: PT24H. */
        reviewWithin?: string;
        /** Groups notified of every break-glass grant. Default: [group:default/security-team]. */
        notifyGroups?: string[];
      };
      /** The PostgreSQL credential provider: the server whose databases it grants access to. */
      postgres?: {
        host: string;
        port?: number;
        /** A role with CREATEROLE that can grant on the target databases. */
        user: string;
        /** @visibility secret */
        password?: string;
        /** Database the admin connects to. Default: postgres. */
        database?: string;
        /** Host written into handed-out connection strings. Default: host. */
        publicHost?: string;
        /** Prepended to a resource's target to name its database. Default: none. */
        databasePrefix?: string;
        /** CONNECTION LIMIT of each issued role. Default: 2. */
        connectionLimit?: number;
        /**
         * PBKDF2 iterations of each issued role's SCRAM-SHA-256 verifier (the password itself
         * never reaches the server). Default: 256; the passwords are 256 random bits.
         */
        scramIterations?: number;
      };
      /** Local demo conveniences. Never set these in production. */
      demo?: {
        /** Turns the settings below on; production configs set false. Default: false. */
        enabled?: boolean;
        /** Users the Access page may act as, so one person can try request and approval. */
        actAsUsers?: string[];
        /** Create a tenant database on first use, with a small table to read. */
        createDatabases?: boolean;
        /** Provider used when a resource's own provider is not available (e.g. token). */
        fallbackProvider?: string;
      };
    };
  };
}

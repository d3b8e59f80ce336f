export interface Config {
  /** Settings of the Souverain portal itself. */
  souverain?: {
    permission?: {
      /**
       * Entity refs of the users and groups that may do anything, for example
       * `group:default/platform-team`.
       */
      admins?: string[];
      /**
       * Entity refs of the users and groups that may read, verify and export the concierge's
       * audit log. Default: `group:default/security-team`.
       */
      auditors?: string[];
    };
    auth?: {
      /**
       * A token whose signature checked out is trusted for this many seconds (never past its
       * own expiry) without checking it again, in every plugin. 0 checks every request.
       * From 0 to 300. Default: 60.
       */
      verifiedTokenCacheSeconds?: number;
    };
    catalog?: {
      /**
       * Local catalog files registered as `url` locations with `file:` URLs (relative to the
       * backend's working folder), so that `$yaml` / `$text` placeholders in them resolve.
       * They must be below `souverain.localFiles.roots`.
       */
      localUrlLocations?: string[];
    };
  };
}

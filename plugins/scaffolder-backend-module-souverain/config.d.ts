export interface Config {
  souverain?: {
    adr?: {
      /** The "New decision record" template. */
      recordDecisions?: {
        /**
         * Write records straight into local ADR folders (file: locations below
         * souverain.localFiles.roots). For the demo and laptops; off by default.
         */
        localWrite?: boolean;
      };
    };
    /** The golden service templates. */
    golden?: {
      /** "Publish to a local repository": Create works on a laptop with no Git host. */
      localPublish?: {
        /** Off by default; the demo config switches it on. */
        enabled?: boolean;
        /**
         * Folder the repositories are created in (relative to the backend's working folder).
         * Must be below one of souverain.localFiles.roots so the catalog can read them.
         */
        root?: string;
      };
      /** Where the platform ADRs linked from every new service live. */
      platformAdrs?: {
        /** Default: system:default/developer-platform. */
        entityRef?: string;
      };
    };
  };
}

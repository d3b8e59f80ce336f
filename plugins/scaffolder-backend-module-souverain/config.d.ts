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
  };
}

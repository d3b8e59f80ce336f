export interface Config {
  /** Settings of the Souverain portal itself. */
  souverain?: {
    permission?: {
      /**
       * Entity refs of the users and groups that may do anything, for example
       * `group:default/platform-team`.
       */
      admins?: string[];
    };
  };
}

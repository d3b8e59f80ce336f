export interface Config {
  souverain?: {
    /** Local folders that `file:` URLs may be read from (the demo org, a laptop checkout). */
    localFiles?: {
      /** Absolute paths, or paths relative to the backend's working directory. */
      roots?: string[];
    };
  };
}

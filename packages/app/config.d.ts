export interface Config {
  /** Settings of the Souverain portal itself. */
  souverain?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page: `guest`, `github`,
       * `gitlab` or `microsoft`. `guest` alone signs in without a click.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github' | 'gitlab' | 'microsoft'>;
    };
  };
}

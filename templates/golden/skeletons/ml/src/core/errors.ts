/** Errors the core raises; the HTTP adapter turns a ValidationError into a 400. */
export class ValidationError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid input: ${issues.join('; ')}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

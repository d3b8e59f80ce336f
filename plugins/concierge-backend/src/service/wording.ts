/** `120` as `2 h`, `90` as `1 h 30 min`: durations as the policies and notices show them. */
export function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes > 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** A time for people: `2026-11-25 22:02 UTC`. */
export function formatTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'its end';
}

/**
 * The reason shown for a failure: first line only, no connection strings or passwords, since it
 * reaches the request's view, the audit log and the logs.
 */
export function safeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]
    .replace(/[a-z]+:\/\/[^\s@]*@/gi, '<redacted>@')
    .replace(/password[^,;\s]*\s*[=:]\s*\S+/gi, 'password=<redacted>')
    .slice(0, 500);
}

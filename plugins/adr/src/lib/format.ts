import { AdrRefreshSummary } from '@souverain/plugin-adr-common';

/** `ADR-0004` for 4, or an empty string when the record has no number. */
export function formatAdrNumber(number: number | null | undefined): string {
  return number === null || number === undefined ? '' : `ADR-${String(number).padStart(4, '0')}`;
}

/** "3 minutes ago", "in 2 days": a time relative to now. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const seconds = Math.round((time - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return Math.abs(seconds) < 10 ? 'just now' : format.format(seconds, 'second');
}

/** One line about what a refresh of the index did. */
export function describeRefresh(summary: AdrRefreshSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `Read ${plural(summary.entities, 'entity').replace('entitys', 'entities')} ` +
    `and ${plural(summary.records, 'record')}: ${summary.added} added, ${summary.updated} updated, ` +
    `${summary.removed} removed, ${plural(summary.problems, 'problem')} ` +
    `(${(summary.durationMs / 1000).toFixed(1)} s).`
  );
}

/** `YYYY-MM-DD` of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The durations a requester picks from, in minutes. */
export const DURATION_CHOICES = [15, 30, 60, 120, 240, 480] as const;

/** The duration a new request starts with, when the policy allows it. */
export const DEFAULT_DURATION = 60;

/** A duration to offer, greyed out when over the maximum the policy allows. */
export interface DurationChoice {
  minutes: number;
  disabled: boolean;
}

/** The choices to offer under a maximum (none known yet: all of them). */
export function durationChoices(maxMinutes: number | undefined): DurationChoice[] {
  const choices = DURATION_CHOICES.map(minutes => ({
    minutes,
    disabled: maxMinutes !== undefined && minutes > maxMinutes,
  }));
  // A policy shorter than every choice still gets one: its own maximum.
  if (maxMinutes !== undefined && maxMinutes > 0 && maxMinutes < DURATION_CHOICES[0]) {
    return [{ minutes: maxMinutes, disabled: false }, ...choices];
  }
  return choices;
}

/** The chosen duration, or the longest allowed one when the choice is over the maximum. */
export function effectiveDuration(chosen: number, choices: DurationChoice[]): number {
  const allowed = choices.filter(c => !c.disabled).map(c => c.minutes);
  if (allowed.includes(chosen)) return chosen;
  const shorter = allowed.filter(m => m <= chosen);
  return shorter.length ? Math.max(...shorter) : Math.min(...allowed, chosen);
}

import { durationChoices, effectiveDuration } from './durations';

describe('durations', () => {
  it('greys out the choices over the maximum', () => {
    expect(
      durationChoices(240)
        .filter(c => c.disabled)
        .map(c => c.minutes),
    ).toEqual([480]);
    expect(durationChoices(undefined).every(c => !c.disabled)).toBe(true);
  });

  it('offers the maximum itself when it is shorter than every choice', () => {
    expect(
      durationChoices(10)
        .filter(c => !c.disabled)
        .map(c => c.minutes),
    ).toEqual([10]);
  });

  it('falls back to the longest allowed duration', () => {
    expect(effectiveDuration(480, durationChoices(240))).toBe(240);
    expect(effectiveDuration(120, durationChoices(90))).toBe(60);
    expect(effectiveDuration(60, durationChoices(10))).toBe(10);
    expect(effectiveDuration(30, durationChoices(240))).toBe(30);
  });
});

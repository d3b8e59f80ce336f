import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { AdrStatus } from '@souverain/plugin-adr-common';
import { StatusChip } from './StatusChip';

function chipOf(text: string): HTMLElement {
  return screen.getByText(text).closest('[data-status]') as HTMLElement;
}

describe('<StatusChip />', () => {
  it.each([
    ['proposed', 'colorInfo'],
    ['accepted', 'colorSuccess'],
    ['rejected', 'colorError'],
    ['deprecated', 'colorWarning'],
    ['superseded', 'colorDefault'],
  ] as const)('shows %s as a filled %s chip', async (status, color) => {
    await renderInTestApp(<StatusChip status={status} />);
    const chip = chipOf(status);
    expect(chip.className).toMatch(new RegExp(`MuiChip-${color}\\b`));
    expect(chip.className).toMatch(/MuiChip-filled\b/);
  });

  it('gives every status its own background colour', async () => {
    const statuses: AdrStatus[] = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'];
    await renderInTestApp(
      <>
        {statuses.map(s => (
          <StatusChip key={s} status={s} />
        ))}
      </>,
    );
    const colours = statuses.map(s => getComputedStyle(chipOf(s)).backgroundColor);
    expect(colours.every(c => c && c !== 'transparent')).toBe(true);
    expect(new Set(colours).size).toBe(statuses.length);
  });

  it('shows an unrecognised status as an outlined "unknown" chip with the text as written', async () => {
    await renderInTestApp(<StatusChip status={null} statusRaw="maybe later" />);
    const chip = chipOf('unknown');
    expect(chip.className).toMatch(/MuiChip-outlined\b/);
    expect(chip.className).toMatch(/MuiChip-colorDefault\b/);
    expect(screen.getByLabelText('Written as: maybe later')).toBeInTheDocument();
  });

  it('shows a count on facet chips and whether the filter is on', async () => {
    await renderInTestApp(<StatusChip status="accepted" count={12} onClick={() => {}} />);
    expect(screen.getByRole('button', { name: 'accepted (12)' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
});

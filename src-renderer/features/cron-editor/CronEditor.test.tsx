// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useCallback, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '../../test-support/render';
import { CronEditor } from './CronEditor';
import { fakePreviewApi } from '../../test-support/fake-preview';

/** Monday 2 March 2026, 00:00 UTC: 08:00 in Taipei, 19:00 on Sunday in New York. */
const FROM = Date.parse('2026-03-02T00:00:00Z');

function Harness({ initial, timezone, validity }: { initial: string; timezone: string; validity: boolean[] }) {
  const [cron, setCron] = useState(initial);
  const [zone, setZone] = useState(timezone);
  const [valid, setValid] = useState(false);
  const onValidity = useCallback(
    (v: boolean) => {
      validity.push(v);
      setValid(v);
    },
    [validity],
  );
  return (
    <>
      <label htmlFor="zone">Timezone</label>
      <input id="zone" value={zone} onChange={(e) => setZone(e.target.value)} />
      <CronEditor value={cron} timezone={zone} onChange={setCron} onValidityChange={onValidity} />
      <button type="button" disabled={!valid}>
        Save
      </button>
    </>
  );
}

function setup(initial = '0 9 * * *', timezone = 'Asia/Taipei') {
  const validity: boolean[] = [];
  const api = fakePreviewApi(FROM);
  renderWithApi(<Harness initial={initial} timezone={timezone} validity={validity} />, api);
  return { validity, api };
}

const cronText = () => screen.getByLabelText('Cron expression') as HTMLInputElement;
const builderField = (label: string) => within(screen.getByRole('group', { name: 'Cron fields' })).getByLabelText(label) as HTMLInputElement;
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

async function nextRuns(): Promise<{ text: string; iso: string | null }[]> {
  const region = screen.getByRole('region', { name: 'Next runs' });
  await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(5));
  return within(region)
    .getAllByRole('listitem')
    .map((li) => ({ text: li.querySelector('time')?.textContent ?? '', iso: li.querySelector('time')?.getAttribute('datetime') ?? null }));
}

afterEach(cleanup);

describe('CronEditor', () => {
  it('lists the next five fire times as the chosen zone reads them', async () => {
    setup('0 9 * * *', 'Asia/Taipei');
    const runs = await nextRuns();
    expect(runs.map((r) => r.text)).toEqual([
      'Mon 2026-03-02 09:00 Asia/Taipei',
      'Tue 2026-03-03 09:00 Asia/Taipei',
      'Wed 2026-03-04 09:00 Asia/Taipei',
      'Thu 2026-03-05 09:00 Asia/Taipei',
      'Fri 2026-03-06 09:00 Asia/Taipei',
    ]);
    // 09:00 in Taipei is 01:00 UTC: the instants are real, only the display is zoned.
    expect(runs[0]?.iso).toBe('2026-03-02T01:00:00.000Z');
    expect(screen.getByText(/At 09:00 \(Asia\/Taipei\)/)).toBeTruthy();
  });

  it('re-computes the preview when the zone changes, across a DST start', async () => {
    setup('0 9 * * *', 'Asia/Taipei');
    await nextRuns();
    type(screen.getByLabelText('Timezone'), 'America/New_York');
    await waitFor(() => expect(screen.getByRole('region', { name: 'Next runs' }).textContent).toContain('America/New_York'));
    await waitFor(async () => expect((await nextRuns())[0]?.iso).toBe('2026-03-02T14:00:00.000Z'));
    const runs = await nextRuns();
    expect(runs.every((r) => r.text.endsWith('09:00 America/New_York'))).toBe(true);
    // New York springs forward on 8 March, so 09:00 local moves from 14:00 to 13:00 UTC.
    type(cronText(), '0 9 * * 1');
    await waitFor(async () => expect((await nextRuns())[1]?.iso).toBe('2026-03-09T13:00:00.000Z'));
  });

  it('fills the text and the builder from a preset', async () => {
    setup('');
    fireEvent.click(screen.getByRole('button', { name: 'Weekdays at 09:00' }));
    expect(cronText().value).toBe('0 9 * * 1-5');
    expect(builderField('Day of week').value).toBe('1-5');
    expect(builderField('Hour').value).toBe('9');
    await waitFor(() => expect(screen.getByText(/Monday through Friday/)).toBeTruthy());

    type(screen.getByLabelText('Preset time'), '06:30');
    fireEvent.click(screen.getByRole('button', { name: /^Monthly on day 1 at 06:30/ }));
    expect(cronText().value).toBe('30 6 1 * *');
    fireEvent.click(screen.getByRole('button', { name: 'Every hour' }));
    expect(cronText().value).toBe('30 * * * *');
  });

  it('keeps the builder and the text in step both ways', async () => {
    setup('0 9 * * *');
    type(builderField('Hour'), '6');
    expect(cronText().value).toBe('0 6 * * *');

    type(cronText(), '*/15 8-17 * * MON-FRI');
    expect(builderField('Minute').value).toBe('*/15');
    expect(builderField('Hour').value).toBe('8-17');
    expect(builderField('Day of week').value).toBe('MON-FRI');

    // An emptied field stays empty in the builder while the text shows the gap.
    type(builderField('Hour'), '');
    expect(builderField('Hour').value).toBe('');
    expect(builderField('Day of week').value).toBe('MON-FRI');
    type(builderField('Hour'), '22');
    expect(cronText().value).toBe('*/15 22 * * MON-FRI');

    type(cronText(), '@daily');
    expect(builderField('Hour').value).toBe('0');
    await waitFor(() => expect(screen.getByText(/At 00:00/)).toBeTruthy());
  });

  it('shows the contract’s specific message at the field and blocks Save until fixed', async () => {
    const { validity } = setup('0 9 * * *');
    await waitFor(() => expect(validity.at(-1)).toBe(true));
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(false);

    type(cronText(), '61 9 * * *');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Invalid cron expression "61 9 * * *": minute field "61" is out of range (0-59)');
    expect(cronText().getAttribute('aria-invalid')).toBe('true');
    expect(validity.at(-1)).toBe(false);
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);

    type(cronText(), '0 9 31 2 *');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/it never fires/));

    type(cronText(), '0 9 * *');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/expected 5 fields .* got 4/));

    type(cronText(), '0 9 * * *');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(validity.at(-1)).toBe(true));
  });

  it('does not trust a valid answer for older input while new input waits', async () => {
    const { validity } = setup('0 9 * * *');
    await waitFor(() => expect(validity.at(-1)).toBe(true));
    type(cronText(), '0 9 * * * * *');
    // Straight after typing, before the debounce has passed, Save is already blocked.
    await waitFor(() => expect(validity.at(-1)).toBe(false));
    await screen.findByRole('alert');
  });

  it('debounces typing into one preview call', async () => {
    const { api } = setup('0 9 * * *');
    await nextRuns();
    const previews = () => api.calls.filter((c) => c.channel === 'jobs.previewSchedule').length;
    const before = previews();
    for (const text of ['0 1', '0 10', '0 10 *', '0 10 * *', '0 10 * * *']) type(cronText(), text);
    await waitFor(async () => expect((await nextRuns())[0]?.text).toBe('Mon 2026-03-02 10:00 Asia/Taipei'));
    expect(previews() - before).toBe(1);
  });
});

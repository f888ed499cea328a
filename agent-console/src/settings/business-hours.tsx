import type { BusinessHours } from './shared.tsx'

/** Monday first, as most teams plan their week; the API numbers days from Sunday (0). */
const WEEK: { day: number; name: string }[] = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 0, name: 'Sunday' },
]

export interface HoursDraft {
  enabled: boolean
  timezone: string
  days: Record<number, { on: boolean; open: string; close: string }>
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** The editor's shape: one opening per day (the first stored one), weekdays 9–17 when none is set. */
export function hoursDraft(hours: BusinessHours | undefined): HoursDraft {
  const stored = hours?.days ?? []
  const days: HoursDraft['days'] = {}
  for (const { day } of WEEK) {
    const found = stored.find((d) => d.day === day)
    days[day] = found ? { on: true, open: found.open, close: found.close } : { on: stored.length === 0 && day >= 1 && day <= 5, open: '09:00', close: '17:00' }
  }
  return { enabled: !!hours?.enabled, timezone: hours?.timezone || browserZone(), days }
}

export function hoursInput(d: HoursDraft): BusinessHours {
  return {
    enabled: d.enabled,
    timezone: d.timezone.trim(),
    days: WEEK.filter(({ day }) => d.days[day]!.on).map(({ day }) => ({ day, open: d.days[day]!.open, close: d.days[day]!.close })),
  }
}

/** A problem the admin can fix before saving, or null. */
export function hoursProblem(d: HoursDraft): string | null {
  if (!d.enabled) return null
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: d.timezone.trim() })
  } catch {
    return `Time zone “${d.timezone}” is not an IANA zone such as Europe/Paris.`
  }
  for (const { day, name } of WEEK) {
    const h = d.days[day]!
    if (h.on && !(h.open < h.close)) return `${name}: closing time must be after opening time.`
  }
  return null
}

function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
  try {
    return intl.supportedValuesOf?.('timeZone') ?? []
  } catch {
    return []
  }
}

export function BusinessHoursEditor(props: { value: HoursDraft; onChange(v: HoursDraft): void }) {
  const v = props.value
  const setDay = (day: number, p: Partial<HoursDraft['days'][number]>) => props.onChange({ ...v, days: { ...v.days, [day]: { ...v.days[day]!, ...p } } })
  return (
    <div class="hours">
      <label class="check">
        <input type="checkbox" checked={v.enabled} onChange={(e) => props.onChange({ ...v, enabled: e.currentTarget.checked })} />
        Only offer live chat during business hours (outside them the widget shows the away message)
      </label>
      <fieldset class="hours__grid" disabled={!v.enabled}>
        <legend class="visually-hidden">Opening hours</legend>
        <label class="field hours__zone">
          <span>Time zone</span>
          <input value={v.timezone} list="iana-zones" onInput={(e) => props.onChange({ ...v, timezone: e.currentTarget.value })} placeholder="Europe/Paris" aria-label="Business hours time zone" />
          <datalist id="iana-zones">
            {zones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        {WEEK.map(({ day, name }) => {
          const h = v.days[day]!
          return (
            <div class={`hours__day${h.on ? '' : ' is-closed'}`} key={day}>
              <label class="check hours__name">
                <input type="checkbox" checked={h.on} onChange={(e) => setDay(day, { on: e.currentTarget.checked })} aria-label={`Open on ${name}`} />
                {name}
              </label>
              {h.on ? (
                <span class="hours__times">
                  <input type="time" value={h.open} onInput={(e) => setDay(day, { open: e.currentTarget.value })} aria-label={`${name} opens at`} required />
                  <span aria-hidden="true">–</span>
                  <input type="time" value={h.close} onInput={(e) => setDay(day, { close: e.currentTarget.value })} aria-label={`${name} closes at`} required />
                </span>
              ) : (
                <span class="muted small">Closed</span>
              )}
            </div>
          )
        })}
      </fieldset>
    </div>
  )
}

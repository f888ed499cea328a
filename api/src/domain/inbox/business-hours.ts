import type { BusinessHours } from './schema.ts'

export type { BusinessHours }

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/**
 * Whether `now` falls in one of the inbox's opening windows, in the inbox's time zone.
 * The widget bundles this same function, so an open tab and the server always agree.
 */
export function withinBusinessHours(hours: BusinessHours | undefined, now = new Date()): boolean {
  if (!hours?.enabled) return true
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day = WEEKDAYS.indexOf(get('weekday'))
  const time = `${get('hour')}:${get('minute')}`
  return hours.days.some((d) => d.day === day && d.open <= time && time < d.close)
}

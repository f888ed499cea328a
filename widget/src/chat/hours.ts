export interface BusinessHours {
  enabled: boolean
  /** IANA time zone of the inbox, e.g. Europe/Paris. */
  timezone: string
  /** 0 is Sunday; open inclusive, close exclusive, HH:MM. A day not listed is closed. */
  days: { day: number; open: string; close: string }[]
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Whether `now` is inside the inbox's business hours (the API's rule, so an open tab follows the clock). */
export function withinHours(hours: BusinessHours | undefined, now = new Date()): boolean {
  if (!hours?.enabled) return true
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now)
  } catch {
    return true
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day = WEEKDAYS.indexOf(get('weekday'))
  const time = `${get('hour')}:${get('minute')}`
  return hours.days.some((d) => d.day === day && d.open <= time && time < d.close)
}

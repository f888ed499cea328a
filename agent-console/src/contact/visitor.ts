/** What the widget tells about the visitor's browser, made readable for the contact panel. */

/** An http(s) address fit for a link; anything else (javascript:, data:, junk) is shown as text. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows NT/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
]

/** "Chrome 120 on macOS" from a user agent string; null when nothing is recognised. */
export function browserOf(userAgent: unknown): string | null {
  if (typeof userAgent !== 'string' || !userAgent) return null
  let browser: string | null = null
  for (const [re, name] of BROWSERS) {
    const m = re.exec(userAgent)
    if (m) {
      browser = `${name} ${m[1]}`
      break
    }
  }
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1] ?? null
  if (browser && system) return `${browser} on ${system}`
  return browser ?? system
}

/** The visitor's local time, from the IANA time zone the widget reported. */
export function localTime(timezone: unknown, now = new Date()): string | null {
  if (typeof timezone !== 'string' || !timezone) return null
  try {
    return now.toLocaleTimeString(undefined, { timeZone: timezone, hour: '2-digit', minute: '2-digit' })
  } catch {
    return null
  }
}

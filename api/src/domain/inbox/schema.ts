import { z } from 'zod'

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1f6feb')
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, 'expected a host name like example.com or *.example.com')

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like 09:00')

export const businessHours = z
  .object({
    enabled: z.boolean(),
    timezone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz })
        return true
      } catch {
        return false
      }
    }, 'expected an IANA time zone like Europe/Paris'),
    /** 0 is Sunday. A day not listed is closed. */
    days: z
      .array(z.object({ day: z.number().int().min(0).max(6), open: clock, close: clock }).strict().refine((d) => d.open < d.close, { message: 'open must be before close', path: ['close'] }))
      .max(14),
  })
  .strict()

export type BusinessHours = z.infer<typeof businessHours>

/** What the widget shows; every field optional so updates can be partial. */
export const webInboxSettings = z
  .object({
    color: hexColor,
    greeting: z.string().trim().max(500),
    launcherText: z.string().trim().max(40),
    position: z.enum(['left', 'right']),
    replyTime: z.enum(['few_minutes', 'few_hours', 'a_day']),
    preChatForm: z.object({ enabled: z.boolean(), requireEmail: z.boolean() }).strict(),
    businessHours,
    outOfOfficeMessage: z.string().trim().max(500),
  })
  .partial()
  .strict()

export const DEFAULT_WEB_SETTINGS: z.infer<typeof webInboxSettings> = {
  color: '#1f6feb',
  greeting: 'Hi! Ask us anything — we are happy to help.',
  launcherText: 'Chat with us',
  position: 'right',
  replyTime: 'few_minutes',
  preChatForm: { enabled: false, requireEmail: false },
  businessHours: { enabled: false, timezone: 'UTC', days: [] },
  outOfOfficeMessage: 'We are away right now. Leave your email and we will get back to you.',
}

export const createWebInboxInput = z
  .object({
    accountId: z.uuid(),
    name: z.string().trim().min(1).max(120),
    settings: webInboxSettings.default({}),
    allowedDomains: z.array(domain).max(100).default([]),
    requireIdentityVerification: z.boolean().default(false),
  })
  .strict()

export const updateWebInboxInput = z
  .object({
    id: z.uuid(),
    name: z.string().trim().min(1).max(120).optional(),
    settings: webInboxSettings.optional(),
    allowedDomains: z.array(domain).max(100).optional(),
    requireIdentityVerification: z.boolean().optional(),
  })
  .strict()

export type WebInboxSettings = z.infer<typeof webInboxSettings>

export interface Inbox {
  id: string
  accountId: string
  name: string
  channel: 'web' | 'email' | 'sms'
  websiteToken: string | null
  settings: WebInboxSettings
  allowedDomains: string[]
  requireIdentityVerification: boolean
  identitySecret: string
  createdAt: Date
}

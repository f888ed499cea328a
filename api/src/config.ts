import { z } from 'zod'
import { parse } from './validate.ts'

const int = (def: number) => z.coerce.number().int().positive().default(def)

/** Every environment variable Parley reads; documented in README.md and .env.example. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  PARLEY_DATA_DIR: z.string().default('./.parley'),
  PARLEY_SECRET: z.string().min(32).optional(),
  PARLEY_DEMO_PASSWORD: z.string().min(8).optional(),
  MESSAGE_MAX_LENGTH: int(10_000),
  REQUEST_MAX_BYTES: int(1_000_000),
  GRAPHQL_MAX_DEPTH: int(12),
  SESSION_TTL_HOURS: int(24 * 30),
  VISITOR_TOKEN_TTL_DAYS: int(365),
  SIGN_IN_WINDOW_MINUTES: int(15),
  SIGN_IN_MAX_FAILURES_PER_EMAIL: int(5),
  SIGN_IN_MAX_FAILURES_PER_IP: int(20),
  SNOOZE_CHECK_SECONDS: int(30),
  PRESENCE_GRACE_SECONDS: z.coerce.number().min(0).default(30),
  PRESENCE_HEARTBEAT_SECONDS: z.coerce.number().positive().default(10),
  TYPING_THROTTLE_MS: z.coerce.number().int().min(0).default(2000),
  TYPING_EXPIRE_MS: z.coerce.number().int().positive().default(5000),
})

export type Config = z.infer<typeof configSchema>

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]))
  return parse(configSchema, relevant, ['env'])
}

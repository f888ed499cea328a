/** What the figures were measured on, and where the CPU went while measuring. */
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  kernel: string
  bun: string
}

export function describeMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (m?.[1]) cpu = m[1].trim()
  } catch {
    // not Linux: os.cpus() it is
  }
  return { cpu, cores: os.cpus().length, memoryGiB: os.totalmem() / 2 ** 30, kernel: `${os.type()} ${os.release()}`, bun: Bun.version }
}

/** The soft limit on open files, or undefined where /proc is absent. */
export function openFileLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'))
    if (!m) return undefined
    return m[1] === 'unlimited' ? Infinity : Number(m[1])
  } catch {
    return undefined
  }
}

export interface CpuSample {
  /** Jiffies of all CPUs: total and busy. */
  total: number
  busy: number
  server: number
  client: number
  /** Every `postgres` process on the machine: the server database, when there is one. */
  postgres: number
}

function postgresTicks(): number {
  let sum = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += processTicks(Number(pid))
    } catch {
      // it ended between the listing and the read
    }
  }
  return sum
}

/** The 1-minute load average: other work on the box shows up here. */
export function loadAverage(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
  } catch {
    return undefined
  }
}

function processTicks(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which may hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}

export function sampleCpu(serverPid: number): CpuSample | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
    const v = line.trim().split(/\s+/).slice(1).map(Number)
    const total = v.reduce((a, b) => a + b, 0)
    const idle = (v[3] ?? 0) + (v[4] ?? 0)
    return { total, busy: total - idle, server: processTicks(serverPid), client: processTicks('self'), postgres: postgresTicks() }
  } catch {
    return undefined
  }
}

export interface CpuSplit {
  /** In cores: how much of the machine each part used over the interval. */
  server: number
  client: number
  postgres: number
  other: number
  idle: number
}

export function cpuSplit(a: CpuSample | undefined, b: CpuSample | undefined, cores: number): CpuSplit | undefined {
  if (!a || !b || b.total === a.total) return undefined
  const perCore = (b.total - a.total) / cores
  const server = (b.server - a.server) / perCore
  const client = (b.client - a.client) / perCore
  const pg = (b.postgres - a.postgres) / perCore
  const busy = (b.busy - a.busy) / perCore
  return { server, client, postgres: pg, other: Math.max(0, busy - server - client - pg), idle: Math.max(0, cores - busy) }
}

import { existsSync, statSync } from 'node:fs'
import { join, normalize } from 'node:path'

const ROOT = join(import.meta.dir, '../../..')

/** Where each UI package puts its built files (`npm run build` in that workspace). */
export const STATIC_DIRS = {
  widget: join(ROOT, 'widget/dist'),
  console: join(ROOT, 'agent-console/dist'),
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
}

/** A file under `dir`, or null; never escapes `dir`. */
export function staticFile(dir: string, relative: string): Response | null {
  const path = normalize(join(dir, relative))
  if (!path.startsWith(dir + '/') || !existsSync(path) || !statSync(path).isFile()) return null
  const ext = path.slice(path.lastIndexOf('.'))
  return new Response(Bun.file(path), { headers: { 'content-type': TYPES[ext] ?? 'application/octet-stream' } })
}

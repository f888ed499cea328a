/** The slice of the Storage API the widget needs; localStorage in browsers, a Map in tests. */
export interface KeyValue {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export function memoryStorage(): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

/**
 * localStorage when the page allows it (it throws in some sandboxed iframes and when full),
 * else memory: the widget still works, it just forgets on reload.
 */
export function browserStorage(): KeyValue {
  try {
    const probe = '__parley_probe__'
    localStorage.setItem(probe, '1')
    localStorage.removeItem(probe)
    return localStorage
  } catch {
    return memoryStorage()
  }
}

/** JSON values under one prefix, so two inboxes on one site never share a visitor. */
export function namespaced(storage: KeyValue, prefix: string) {
  return {
    key: (name: string) => prefix + name,
    get<T>(name: string): T | undefined {
      try {
        const raw = storage.getItem(prefix + name)
        return raw == null ? undefined : (JSON.parse(raw) as T)
      } catch {
        return undefined
      }
    },
    set(name: string, value: unknown) {
      try {
        storage.setItem(prefix + name, JSON.stringify(value))
      } catch {
        // Storage full or blocked: the in-memory state still holds the value for this page.
      }
    },
    remove(name: string) {
      storage.removeItem(prefix + name)
    },
  }
}

export type Store = ReturnType<typeof namespaced>

export const storagePrefix = (websiteToken: string) => `parley:${websiteToken}:`

const ALGORITHM = 'argon2id' as const

export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: ALGORITHM })
}

/** False for a wrong password and for a hash that is not one of ours, never a throw. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await Bun.password.verify(password, hash, ALGORITHM)
  } catch {
    return false
  }
}

import { describe, expect, test } from 'bun:test'
import { randomBytes } from 'node:crypto'
import { sql, type Db } from '@parley/api/src/db/index.ts'
import { openPostgres } from '@parley/api/src/db/postgres.ts'
import { describeEachDb, reportSkipped, testDeps } from '@parley/api/src/testing/db.ts'
import { createBoss, executeBossSql } from './boss.ts'

const probeTable = () => `boss_probe_${randomBytes(4).toString('hex')}`

describeEachDb('pg-boss adapter', ({ deps }) => {
  test('returns the rows of every statement of a multi-statement query', async () => {
    const res = await executeBossSql(deps().db, `select 1 as a; select 2 as b union all select 3 as b`)
    expect(res.rows).toEqual([{ a: 1 }, { b: 2 }, { b: 3 }])
  })

  test('passes undefined parameters as null', async () => {
    const res = await executeBossSql(deps().db, 'select $1::int as n, $2::jsonb as j', [undefined, { a: 1 }])
    expect(res.rows).toEqual([{ n: null, j: { a: 1 } }])
  })

  test('commits a BEGIN; … COMMIT; block whole', async () => {
    const { db } = deps()
    const table = probeTable()
    await executeBossSql(db, `BEGIN; create table ${table} (id int); insert into ${table} values (1), (2); COMMIT;`)
    const { rows } = await db.raw(`select count(*)::int as n from ${table}`)
    expect(rows).toEqual([{ n: 2 }])
  })

  test('rolls a failing block back with its own error and leaves the database usable', async () => {
    const { db } = deps()
    const table = probeTable()
    await expect(
      executeBossSql(db, `BEGIN; SET LOCAL lock_timeout = '30s'; create table ${table} (id int); select 1/0; COMMIT;`),
    ).rejects.toThrow('division by zero')
    const [row] = await db.query<{ t: string | null }>(sql`select to_regclass(${table})::text as t`)
    expect(row?.t).toBeNull()
  })

  test('pg-boss starts on the database, round-trips a job, and stops', async () => {
    const boss = createBoss(deps())
    await boss.start()
    try {
      expect(await boss.isInstalled()).toBe(true)
      await boss.createQueue('probe')
      const done = new Promise<unknown>((resolve) => {
        void boss.work('probe', { pollingIntervalSeconds: 0.5 }, async ([job]) => resolve(job?.data))
      })
      const id = await boss.send('probe', { hello: 'world', list: [1, 2] })
      expect(await done).toEqual({ hello: 'world', list: [1, 2] })
      let job = await boss.getJobById('probe', id!)
      for (let i = 0; i < 50 && job?.state !== 'completed'; i++) {
        await Bun.sleep(50)
        job = await boss.getJobById('probe', id!)
      }
      expect(job?.state).toBe('completed')
    } finally {
      await boss.stop({ graceful: true, wait: true })
    }
    // A second start finds the schema in place.
    const again = createBoss(deps())
    await again.start()
    expect(await again.schemaVersion()).toBeGreaterThan(0)
    await again.stop()
  }, 30_000)
})

const url = process.env.TEST_DATABASE_URL
if (!url) reportSkipped('pg-boss on server PostgreSQL', 'TEST_DATABASE_URL is not set')
else {
  describe('pg-boss on server PostgreSQL', () => {
    test('two processes starting pg-boss at once on an empty database both start', async () => {
      const admin = await openPostgres(url, { max: 1 })
      try {
        // The create race is a matter of timing; a few rounds make losing it near certain.
        for (let round = 0; round < 3; round++) {
          const name = `parley_boss_${randomBytes(6).toString('hex')}`
          await admin.exec(`create database ${name}`)
          const u = new URL(url)
          u.pathname = `/${name}`
          // Separate pools, as separate processes would have.
          const dbs: Db[] = [await openPostgres(u.toString()), await openPostgres(u.toString())]
          try {
            const bosses = await Promise.all(dbs.map(async (db) => createBoss(await testDeps(db))))
            const started = await Promise.allSettled(bosses.map((b) => b.start()))
            expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started'])
            for (const b of bosses) expect(await b.isInstalled()).toBe(true)
            await Promise.all(bosses.map((b) => b.stop()))
          } finally {
            for (const db of dbs) await db.close()
            await admin.exec(`drop database if exists ${name} with (force)`)
          }
        }
      } finally {
        await admin.close()
      }
    }, 30_000)
  })
}

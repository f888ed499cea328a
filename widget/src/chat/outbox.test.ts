import { expect, test } from 'bun:test'
import { createOutbox, newClientMessageId } from './outbox.ts'
import { memoryStorage, namespaced, storagePrefix } from './store.ts'

test('the outbox keeps the order written, ignores a repeated id, and survives a new instance (reload)', () => {
  const storage = memoryStorage()
  const a = createOutbox(namespaced(storage, storagePrefix('site-1')))
  a.add({ clientMessageId: 'x', body: 'one', at: 1 })
  a.add({ clientMessageId: 'y', body: 'two', at: 2 })
  a.add({ clientMessageId: 'x', body: 'one again', at: 3 })
  const reloaded = createOutbox(namespaced(storage, storagePrefix('site-1')))
  expect(reloaded.entries().map((e) => e.body)).toEqual(['one', 'two'])
  reloaded.remove('x')
  expect(a.entries().map((e) => e.clientMessageId)).toEqual(['y'])
})

test('two website tokens on one site never share an outbox', () => {
  const storage = memoryStorage()
  createOutbox(namespaced(storage, storagePrefix('site-1'))).add({ clientMessageId: 'x', body: 'one', at: 1 })
  expect(createOutbox(namespaced(storage, storagePrefix('site-2'))).entries()).toEqual([])
})

test('corrupt storage reads as empty instead of breaking the widget', () => {
  const storage = memoryStorage()
  storage.setItem(storagePrefix('s') + 'outbox', '{not json')
  expect(createOutbox(namespaced(storage, storagePrefix('s'))).entries()).toEqual([])
})

test('client message ids are unique', () => {
  expect(new Set(Array.from({ length: 1000 }, newClientMessageId)).size).toBe(1000)
})

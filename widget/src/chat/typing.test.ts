import { expect, test } from 'bun:test'
import { createTypingSignal } from './typing.ts'

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('a burst of keystrokes sends one start; a pause sends one stop', async () => {
  const sent: boolean[] = []
  const t = createTypingSignal((v) => sent.push(v), 1000, 50)
  for (let i = 0; i < 30; i++) t.keystroke()
  expect(sent).toEqual([true])
  await wait(80)
  expect(sent).toEqual([true, false])
})

test('long typing refreshes the start signal; sending stops it at once, and only once', async () => {
  const sent: boolean[] = []
  const t = createTypingSignal((v) => sent.push(v), 30, 1000)
  t.keystroke()
  await wait(40)
  t.keystroke()
  expect(sent).toEqual([true, true])
  t.stop()
  t.stop()
  expect(sent).toEqual([true, true, false])
})

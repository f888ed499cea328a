import { expect, test } from 'bun:test'
import { linkify } from './linkify.ts'

test('http(s) and www links become links; trailing punctuation stays text', () => {
  expect(linkify('See https://example.com/a?b=1, or www.parley.dev.')).toEqual([
    { text: 'See ' },
    { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
    { text: ', or ' },
    { text: 'www.parley.dev', href: 'https://www.parley.dev' },
    { text: '.' },
  ])
})

test('markup and script URLs stay plain text', () => {
  const text = '<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,<b>x</b>'
  expect(linkify(text)).toEqual([{ text }])
})

test('a URL cannot smuggle a quote or angle bracket into the href', () => {
  const [, link] = linkify('go https://evil.test/"onmouseover="x <b>')
  expect(link).toEqual({ text: 'https://evil.test/', href: 'https://evil.test/' })
})

import { expect, test } from 'bun:test'
import { isOriginAllowed } from './allowed-origin.ts'

test('an inbox without allowed domains accepts every origin; no Origin header is not a browser page', () => {
  expect(isOriginAllowed('https://anything.test', [])).toBe(true)
  expect(isOriginAllowed(undefined, ['example.com'])).toBe(true)
})

test('exact names match on any port; a port in the entry must match; wildcards cover subdomains only', () => {
  const allowed = ['example.com', 'localhost', '*.shop.test', 'staging.test:8443']
  expect(isOriginAllowed('https://example.com', allowed)).toBe(true)
  expect(isOriginAllowed('http://localhost:5173', allowed)).toBe(true)
  expect(isOriginAllowed('https://eu.shop.test', allowed)).toBe(true)
  expect(isOriginAllowed('https://shop.test', allowed)).toBe(false)
  expect(isOriginAllowed('https://evilshop.test', allowed)).toBe(false)
  expect(isOriginAllowed('https://example.com.evil.test', allowed)).toBe(false)
  expect(isOriginAllowed('https://staging.test:8443', allowed)).toBe(true)
  expect(isOriginAllowed('https://staging.test', allowed)).toBe(false)
  expect(isOriginAllowed('https://EXAMPLE.com', allowed)).toBe(true)
})

test('opaque and odd origins are refused when the inbox is restricted; the API origin itself always passes', () => {
  expect(isOriginAllowed('null', ['example.com'])).toBe(false)
  expect(isOriginAllowed('file://', ['example.com'])).toBe(false)
  expect(isOriginAllowed('http://127.0.0.1:3000', ['example.com'], ['http://127.0.0.1:3000'])).toBe(true)
})

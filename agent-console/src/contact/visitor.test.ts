import { expect, test } from 'bun:test'
import { browserOf, localTime, safeHttpUrl } from './visitor.ts'

test('only http(s) pages become links', () => {
  expect(safeHttpUrl('https://shop.example/cart?x=1')).toBe('https://shop.example/cart?x=1')
  expect(safeHttpUrl('javascript:alert(1)')).toBeNull()
  expect(safeHttpUrl('data:text/html,hi')).toBeNull()
  expect(safeHttpUrl('not a url')).toBeNull()
  expect(safeHttpUrl(42)).toBeNull()
})

test('user agents read as browser and system', () => {
  expect(browserOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36')).toBe('Chrome 120 on macOS')
  expect(browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0')).toBe('Edge 120 on Windows')
  expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox 121 on Linux')
  expect(browserOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1')).toBe('Safari 17 on iOS')
  expect(browserOf('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36')).toBe('Chrome 120 on Android')
  expect(browserOf('curl/8.0')).toBeNull()
})

test('local time comes from the time zone, and a bad zone gives none', () => {
  const at = new Date('2026-12-04T12:00:00Z')
  expect(localTime('Asia/Tokyo', at)).toMatch(/^(21.00|0?9.00 PM)$/)
  expect(localTime('Not/AZone', at)).toBeNull()
  expect(localTime(undefined, at)).toBeNull()
})

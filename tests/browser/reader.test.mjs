// The site as a reader meets it (issue 14), in headless Chromium:
//  * the article, ask, search and check pages at 375 px and 1280 px: no
//    sideways scrolling, the page's heading on the first screen of a phone,
//    and axe-core (WCAG 2.0/2.1 A and AA rules) finding no violation;
//  * search paging, highlighted snippets and the crisis notice on a search;
//  * print: the article alone;
//  * with MedQuAD from ../shared (skipped with a message when it is absent):
//    a fixed sample of A-Z entries, each leading to content, with no
//    "(are)", no "??" and no heading twice on one page.
//
// Environment as for the other browser tests (support.mjs).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, SLUG, SCREENSHOT_DIR, BIN,
  CONTENT_DIR, browserSuite, watchPage, expectVisible, importSeed, runCli, axeViolations,
} from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MEDQUAD = path.resolve(process.env.MEDQUAD_DIR ||
  path.join(here, '..', '..', '..', 'shared', 'data', 'medquad'));
const SMALL_PHONE = { width: 375, height: 812 };
const WIDTHS = [SMALL_PHONE, DESKTOP];

async function layoutProblems(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const out = [];
    if (document.documentElement.scrollWidth > vw)
      out.push(`page scrolls sideways (${document.documentElement.scrollWidth}px in ${vw}px)`);
    return out;
  });
}

// Every h1-h3 text on a page that appears more than once.
function repeatedHeadings(html) {
  const seen = new Map();
  for (const m of html.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>/g)) {
    const text = m[2].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (text) seen.set(text, (seen.get(text) || 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([t, n]) => `"${t}" ×${n}`);
}

// What a reader must never see in a page's text.
function wordingProblems(html) {
  const text = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
  const out = [];
  if (text.includes('(are)')) out.push('"(are)" in the text');
  if (text.includes('??')) out.push('"??" in the text');
  return out.concat(repeatedHeadings(html).map((h) => `heading repeated: ${h}`));
}

describe('the site as a reader meets it', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-reader-',
    // The sample content, with or without a seed: paging needs several articles.
    prepareDb: (db) => runCli(['import', 'markdown', CONTENT_DIR, '--db', db]),
    announce: (baseUrl) => console.log(`reader pages on ${baseUrl}; screenshots in ${SCREENSHOT_DIR}`),
  });

  const pages = () => [
    { name: 'article', path: `/articles/${SLUG}` },
    { name: 'ask', path: '/ask?q=' + encodeURIComponent('what causes muscle atrophy?') },
    { name: 'search', path: '/search?q=muscle' },
    { name: 'check', path: '/check?text=' + encodeURIComponent('muscle weakness') },
  ];

  for (const viewport of WIDTHS) {
    test(`article, ask, search and check pages at ${viewport.width} px: readable, first screen shows content, axe finds nothing`,
      { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
        const { browser, baseUrl } = suite;
        // axe-core is injected as a script, which the site's CSP (rightly) forbids.
        const context = await browser.newContext({
          viewport, bypassCSP: true,
          ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        });
        try {
          context.setDefaultTimeout(STEP_TIMEOUT_MS);
          for (const p of pages()) {
            const page = await context.newPage();
            const problems = watchPage(page, baseUrl);
            const res = await page.goto(baseUrl + p.path, { waitUntil: 'load' });
            assert.equal(res?.status(), 200, `GET ${p.path}`);
            const h1 = page.getByRole('heading', { level: 1 });
            await expectVisible(h1, `${p.name}: the <h1>`);
            const box = await h1.boundingBox();
            // The header and the notice leave room for the page itself.
            assert.ok(box && box.y + box.height < viewport.height * 0.5,
              `${p.name} at ${viewport.width}px: the <h1> starts ${Math.round(box?.y)}px down, ` +
              `below half of the ${viewport.height}px first screen`);
            assert.deepEqual(await layoutProblems(page), [], `${p.name} at ${viewport.width}px`);
            assert.deepEqual(await axeViolations(page), [], `${p.name} at ${viewport.width}px: axe-core`);
            await page.screenshot({
              path: path.join(SCREENSHOT_DIR, `reader-${p.name}-${viewport.width}.png`), fullPage: false,
            });
            assert.deepEqual(problems, [], `${p.name} at ${viewport.width}px: loaded with errors`);
            await page.close();
          }
        } finally {
          await context.close();
        }
      });
  }

  test('search pages through its results, marks the match and shows no Markdown',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const res = await fetch(`${baseUrl}/api/v1/search?q=muscle&per_page=1`);
      const api = await res.json();
      assert.ok(api.total > 1, `"muscle" should match several sample articles (total ${api.total})`);
      assert.equal(api.results.length, 1);
      assert.equal(api.next, '/api/v1/search?q=muscle&per_page=1&page=2');
      assert.match(res.headers.get('link') || '', /<\/api\/v1\/search\?q=muscle&per_page=1&page=2>; rel="next"/);
      const api2 = await (await fetch(baseUrl + api.next)).json();
      assert.equal(api2.page, 2);
      assert.notEqual(api2.results[0].slug, api.results[0].slug, 'page 2 is another article');
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        const page = await context.newPage();
        const problems = watchPage(page, baseUrl);
        await page.goto(`${baseUrl}/search?q=muscle&per_page=1`, { waitUntil: 'load' });
        const first = await page.locator('ol.results h2 a').allInnerTexts();
        assert.equal(first.length, 1, 'one result per page');
        const next = page.getByRole('link', { name: /Next/ });
        await expectVisible(next, 'the "Next" link');
        await Promise.all([page.waitForURL(/page=2/, { waitUntil: 'load' }), next.click()]);
        const second = await page.locator('ol.results h2 a').allInnerTexts();
        assert.equal(second.length, 1, 'one result on page 2');
        assert.notEqual(second[0], first[0], 'page 2 shows another article');
        await expectVisible(page.getByRole('link', { name: /Previous/ }), 'the "Previous" link');
        const marks = await page.locator('.snippet mark').allInnerTexts();
        assert.ok(marks.length > 0 && marks.every((m) => /muscle/i.test(m)), `marked words: ${marks}`);
        const snippets = (await page.locator('.snippet').allInnerTexts()).join(' ');
        assert.ok(!/\*\*|\\\*|^- /m.test(snippets), `snippet shows Markdown: ${snippets}`);
        assert.deepEqual(problems, [], 'search paging: loaded with errors');
      } finally {
        await context.close();
      }
    });

  test('a search for self-harm words shows the crisis notice', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { browser, baseUrl } = suite;
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/search?q=${encodeURIComponent('I want to kill myself')}`, { waitUntil: 'load' });
      const alert = page.getByRole('alert');
      await expectVisible(alert, 'the emergency notice');
      assert.match(await alert.innerText(), /emergency|call|helpline|988|999|911/i);
    } finally {
      await context.close();
    }
  });

  test('printing an article prints the article, its sources and its address only',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/articles/${SLUG}`, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const hidden = async (sel) => page.locator(sel).evaluateAll(
          (els) => els.every((e) => getComputedStyle(e).display === 'none'));
        for (const sel of ['.site-header', '.site-footer', '.notice', '#comments', '.rate-author'])
          assert.ok(await hidden(sel), `${sel} is printed`);
        await expectVisible(page.locator('h1'), 'the title in print');
        await expectVisible(page.locator('.print-only'), 'the address in print');
        assert.match(await page.locator('.print-only').innerText(), new RegExp(`/articles/${SLUG}`));
        const pdf = await page.pdf({ format: 'A4' });
        assert.ok(pdf.length > 1000, 'a PDF was printed');
      } finally {
        await context.close();
      }
    });
});

describe('the A-Z with MedQuAD loaded', { timeout: 10 * TEST_TIMEOUT_MS }, () => {
  const have = existsSync(path.join(MEDQUAD, 'readme.txt'));
  if (!have) {
    test('MedQuAD A-Z crawl', { skip: `MedQuAD is not at ${MEDQUAD} (../shared/data/medquad): skipped` }, () => {});
    return;
  }
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-medquad-',
    prepareDb: async (db) => {
      await importSeed(db);
      await promisify(execFile)(BIN, ['import', 'medquad', MEDQUAD, '--db', db],
        { timeout: 300_000, maxBuffer: 1 << 24 });
    },
    serverArgs: [],
    // All of MedQuAD: the import and the first snapshot take seconds, more on a busy machine.
    startTimeoutMs: 240_000,
    setupTimeoutMs: 480_000,
    announce: (baseUrl) => console.log(`MedQuAD A-Z on ${baseUrl}`),
  });

  test('a fixed sample of 500 A-Z entries: each leads to content, with natural wording',
    { timeout: 8 * TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const home = await (await fetch(`${baseUrl}/`)).text();
      const letters = [...home.matchAll(/href="\/conditions\?letter=([^"]+)"/g)].map((m) => m[1]);
      assert.ok(letters.length > 10, `letters on the home page: ${letters}`);
      const entries = [];
      for (const l of letters) {
        const html = await (await fetch(`${baseUrl}/conditions?letter=${l}`)).text();
        for (const m of html.matchAll(/<li><a href="(\/conditions\/[^"]+)">/g)) entries.push(m[1]);
      }
      assert.ok(entries.length > 1000, `A-Z entries: ${entries.length}`);
      // Every k-th entry: the same sample on every run, spread over the alphabet.
      const step = Math.max(1, Math.floor(entries.length / 500));
      const sample = entries.filter((_, i) => i % step === 0).slice(0, 500);
      const failures = [];
      for (const url of sample) {
        const r = await fetch(baseUrl + url);
        const html = await r.text();
        if (r.status !== 200) { failures.push(`${url}: HTTP ${r.status}`); continue; }
        if (!html.includes('id="answers-h"')) failures.push(`${url}: no answered question`);
        for (const p of wordingProblems(html)) failures.push(`${url}: ${p}`);
        // The first answer it links to is an article with text.
        const first = /<ul class="topics"><li><a href="(\/articles\/[^"#]+)/.exec(html);
        if (!first) continue;
        const a = await fetch(baseUrl + first[1], { redirect: 'manual' });
        const body = await a.text();
        if (a.status !== 200) failures.push(`${first[1]}: HTTP ${a.status}`);
        else if (!/<section id="[^"]+" class="section /.test(body)) failures.push(`${first[1]}: no section`);
        for (const p of wordingProblems(body)) failures.push(`${first[1]}: ${p}`);
      }
      assert.deepEqual(failures.slice(0, 40), [], `${failures.length} problems in ${sample.length} entries`);

      // A few of them in the browser, with axe-core.
      const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
      try {
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        for (const url of sample.filter((_, i) => i % 100 === 0)) {
          const page = await context.newPage();
          await page.goto(baseUrl + url, { waitUntil: 'load' });
          assert.deepEqual(await axeViolations(page), [], `${url}: axe-core`);
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
});

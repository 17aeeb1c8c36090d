// An author's rating distribution (issue 14) in a real headless Chromium:
// with JavaScript switched off, three readers rate the author with the form
// on the article page (5, 5 and 2 stars), and the author's page shows the
// average with a small server-drawn histogram beside it, whose numbers a
// screen reader gets from a table (the bars themselves are hidden from it).
// axe-core (WCAG 2.0/2.1 A and AA) finds nothing on the page at 375 and
// 1280 px, and the page does not scroll sideways on a phone.
//
// Environment as for the other browser tests (support.mjs).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, SLUG, SCREENSHOT_DIR,
  browserSuite, contentSource, importSeed, runCli, watchPage, expectVisible, squash, submitAndWait,
  axeViolations,
} from './support.mjs';

const SMALL_PHONE = { width: 375, height: 812 };
const PASSWORD = 'a rater passphrase, long enough';
const RATERS = [['rater1', 5], ['rater2', 5], ['rater3', 2]];

describe('an author\'s rating histogram in a headless browser', { timeout: 2 * TEST_TIMEOUT_MS }, () => {
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-ratings-',
    prepareDb: async (db) => {
      await importSeed(db);
      for (const [name] of RATERS) await runCli(['user', 'add', name, '--db', db], `${PASSWORD}\n`);
    },
    announce: (baseUrl) => console.log(`testing the rating histogram on ${baseUrl} with ${contentSource()}; ` +
      `screenshots in ${SCREENSHOT_DIR}`),
  });

  test('three readers rate with the form; the author page shows 5/5/2 as bars and as a table, axe finds nothing',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const articlePath = `/articles/${SLUG}`;
      let authorPath = '';
      for (const [name, stars] of RATERS) {
        const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
        try {
          context.setDefaultTimeout(STEP_TIMEOUT_MS);
          const page = await context.newPage();
          const problems = watchPage(page, baseUrl);
          await page.goto(`${baseUrl}/login?next=${encodeURIComponent(articlePath)}`, { waitUntil: 'load' });
          await page.getByLabel('Username').fill(name);
          await page.getByLabel('Password').fill(PASSWORD);
          await submitAndWait(page, page.locator('main').getByRole('button', { name: 'Sign in' }), articlePath,
            `signing in as ${name}`);
          authorPath = await page.locator('.byline a[rel="author"]').getAttribute('href');
          const box = page.locator('#rate-author');
          await box.getByLabel(stars === 1 ? '1 star' : `${stars} stars`, { exact: true }).check();
          await submitAndWait(page, box.getByRole('button', { name: 'Rate author' }), articlePath,
            `${name} rating ${stars} stars`);
          // The article page keeps its summary only.
          assert.equal(await page.locator('.rating-histogram').count(), 0, 'no histogram on the article page');
          assert.deepEqual(problems, [], `${name}'s pages loaded with errors`);
        } finally {
          await context.close();
        }
      }
      assert.match(authorPath, /^\/authors\/[a-z0-9-]+$/, 'the byline links to the author');

      // The author page read with scripts on: axe-core and the measuring run in the page.
      for (const viewport of [SMALL_PHONE, DESKTOP]) {
        const context = await browser.newContext({ viewport });
        try {
          context.setDefaultTimeout(STEP_TIMEOUT_MS);
          const page = await context.newPage();
          const problems = watchPage(page, baseUrl);
          const res = await page.goto(`${baseUrl}${authorPath}`, { waitUntil: 'load' });
          assert.equal(res?.status(), 200, `GET ${authorPath}`);
          const box = page.locator('#rate-author');
          assert.match(squash(await box.locator('.stars').innerText()), /Average rating 4\.0 of 5 from 3 ratings\./,
            'the average beside the histogram');
          // What a screen reader is given: a table named by its caption, a row per number of stars.
          const table = box.getByRole('table', { name: /^How readers rated / });
          await expectVisible(table, `the histogram table at ${viewport.width}px`);
          const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
            [...tr.children].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())));
          assert.deepEqual(rows, [
            ['5 stars', '2', '67%'], ['4 stars', '0', '0%'], ['3 stars', '0', '0%'],
            ['2 stars', '1', '33%'], ['1 star', '0', '0%'],
          ], 'one row per number of stars: readers and share');
          // What a sighted reader sees: bars as long as the shares, drawn (the SVGs have a size).
          const bars = await table.locator('svg.bar').evaluateAll((svgs) => svgs.map((svg) => ({
            hidden: svg.getAttribute('aria-hidden'),
            width: Math.round(svg.querySelector('.bar-fit').getBoundingClientRect().width),
            track: Math.round(svg.getBoundingClientRect().width),
          })));
          assert.deepEqual(bars.map((b) => b.width), [67, 0, 0, 33, 0], 'bar lengths follow the shares');
          assert.ok(bars.every((b) => b.hidden === 'true' && b.track === 100), 'bars are 100px pictures hidden from screen readers');
          const tableBox = await table.boundingBox();
          const starsBox = await box.locator('.stars').boundingBox();
          assert.ok(tableBox && starsBox && tableBox.y - (starsBox.y + starsBox.height) < 60,
            'the histogram sits right under the average');
          assert.ok(tableBox.x + tableBox.width <= viewport.width, `the table fits in ${viewport.width}px`);
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
          assert.equal(sideways, false, `the author page scrolls sideways at ${viewport.width}px`);
          await box.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `ratings-histogram-${viewport.width}.png`) });
          assert.deepEqual(await axeViolations(page), [], `author page at ${viewport.width}px: axe-core`);
          assert.deepEqual(problems, [], 'the author page loaded with errors');
        } finally {
          await context.close();
        }
      }
    });
});

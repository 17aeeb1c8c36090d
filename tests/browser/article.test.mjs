// End-to-end test of the article and search pages in a real headless Chromium.
//
// playwright-core drives Debian's /usr/bin/chromium (scripts/install-deps.sh
// test installs it); no browser is ever downloaded.
//
// Environment:
//   SYMPTOMDB_BIN   path to the symptomdb binary (required)
//   SCREENSHOT_DIR  where article-desktop.png and article-phone.png go
//                   (default: a folder in the system temp dir)
//   SEED            plain-text seed article; used when set and the file exists
//   CONTENT_DIR     the repo's content/ folder (default: ../../content)
//   CHROMIUM_BIN    browser to drive (default: /usr/bin/chromium)
//
// Usually run through tests/browser/run.sh BIN SCREENSHOT_DIR [SEED].


import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, PHONE, DESKTOP, SLUG, CONTENT_DIR, SCREENSHOT_DIR, SEED,
  browserSuite, watchPage, expectVisible, squash,
} from './support.mjs';

// ---------------------------------------------------------------------------
// What the reader should see

// Front matter of a content/*.md article: flat `key: value` lines between
// `---` fences. Values may be quoted; lists and nested keys are ignored.
function parseFrontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) throw new Error('no front matter');
  const fields = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (!kv || kv[2] === '') continue;
    let v = kv[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
      v = v.slice(1, -1);
    }
    fields[kv[1]] = v;
  }
  return { fields, body: text.slice(m[0].length) };
}

// The first non-empty `### ` heading inside the `## Causes...` section.
function firstCauseHeading(body) {
  let inCauses = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^##\s/.test(line)) { inCauses = /^##\s+Causes\b/i.test(line); continue; }
    const h3 = inCauses && /^###\s+(\S.*?)\s*#*\s*$/.exec(line);
    if (h3) return h3[1];
  }
  return null;
}

function expectations() {
  if (SEED) {
    return {
      source: `seed ${SEED}`,
      title: 'What are the causes and treatment options for muscle atrophy?',
      cause: 'Injury or Immobilization',
      byline: ['Haroon Rashid, MD', 'Urgent Care Center of Arlington, VA'],
    };
  }
  const file = path.join(CONTENT_DIR, `${SLUG}.md`);
  const { fields, body } = parseFrontMatter(readFileSync(file, 'utf8'));
  const cause = firstCauseHeading(body);
  assert.ok(fields.title, `${file}: front matter has no title`);
  assert.ok(fields.author, `${file}: front matter has no author`);
  assert.ok(cause, `${file}: no "### " heading under "## Causes"`);
  return {
    source: `sample content ${file}`,
    title: fields.title,
    cause,
    byline: [fields.author, fields.affiliation].filter(Boolean),
  };
}

// Checks the article page as a reader sees it; returns nothing, throws on the
// first thing that is wrong.
async function checkArticle(page, want, label) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expectVisible(h1, `${label}: the <h1>`);
  assert.equal(await h1.count(), 1, `${label}: expected exactly one <h1>`);
  assert.equal(squash(await h1.innerText()), want.title, `${label}: <h1> text`);

  const causes = page.locator('section').filter({
    has: page.getByRole('heading', { level: 2, name: /^Causes\b/i }),
  });
  await expectVisible(causes.first(), `${label}: the "Causes" section`);
  const cause = causes.getByRole('heading', { level: 3, name: want.cause, exact: true });
  await expectVisible(cause, `${label}: cause heading <h3> "${want.cause}"`);

  const byline = page.locator('.byline');
  await expectVisible(byline, `${label}: the byline`);
  const bylineText = squash(await byline.innerText());
  for (const part of want.byline) {
    assert.ok(bylineText.includes(part), `${label}: byline "${bylineText}" should contain "${part}"`);
  }

  const notice = page.locator('aside.notice');
  await expectVisible(notice, `${label}: the medical notice`);
  assert.equal(await page.getByRole('note', { name: 'Medical notice' }).count(), 1,
    `${label}: the notice should be exposed as a note named "Medical notice"`);
  assert.match(await notice.innerText(), /emergency/i, `${label}: the notice should mention emergencies`);

  await expectVisible(
    page.locator('#rate-author').getByRole('heading', { name: 'Rate author', exact: true }),
    `${label}: the "Rate author" heading`);
  await expectVisible(
    page.locator('#comments').getByRole('heading', { name: 'Add a comment', exact: true }),
    `${label}: the "Add a comment" heading`);
}

// ---------------------------------------------------------------------------
// The tests

describe('symptomdb in a headless browser', { timeout: 3 * TEST_TIMEOUT_MS }, () => {
  let want;
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-',
    beforeStart: () => { want = expectations(); },
    announce: (baseUrl) => {
      if (process.env.SEED && !SEED) console.log(`SEED ${process.env.SEED} does not exist: using the sample content`);
      console.log(`testing ${baseUrl} with ${want.source}; screenshots in ${SCREENSHOT_DIR}`);
    },
  });

  test('article page shows the article to a reader, on desktop and on a phone',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const url = `${baseUrl}/articles/${SLUG}`;

      const desktop = await browser.newContext({ viewport: DESKTOP });
      try {
        desktop.setDefaultTimeout(STEP_TIMEOUT_MS);
        const page = await desktop.newPage();
        const problems = watchPage(page, baseUrl);
        const res = await page.goto(url, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `GET ${url}`);
        await checkArticle(page, want, 'desktop');
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'article-desktop.png'), fullPage: true });
        assert.deepEqual(problems, [], 'desktop: the page loaded with errors');
      } finally {
        await desktop.close();
      }

      const phone = await browser.newContext({
        viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
      });
      try {
        phone.setDefaultTimeout(STEP_TIMEOUT_MS);
        const page = await phone.newPage();
        const problems = watchPage(page, baseUrl);
        const res = await page.goto(url, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `GET ${url} (phone)`);
        await checkArticle(page, want, 'phone');

        const m = await page.evaluate(() => {
          const vw = window.innerWidth;
          const wide = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > vw + 0.5) {
              wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
                `${el.classList.length ? '.' + [...el.classList].join('.') : ''} (right edge ${Math.round(r.right)}px)`);
            }
          }
          return {
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
            innerWidth: vw,
            wide: wide.slice(0, 10),
          };
        });
        const detail = `scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}, clientWidth ${m.clientWidth}; ` +
          `too wide: ${m.wide.join(', ') || 'none found'}`;
        assert.ok(m.innerWidth <= PHONE.width,
          `phone: layout is ${m.innerWidth}px wide, not ${PHONE.width}px (missing viewport meta?): ${detail}`);
        assert.ok(m.scrollWidth <= m.innerWidth, `phone: page scrolls sideways: ${detail}`);

        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'article-phone.png'), fullPage: true });
        assert.deepEqual(problems, [], 'phone: the page loaded with errors');
      } finally {
        await phone.close();
      }
    });

  test('home page search box finds the article and the result opens it',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        const page = await context.newPage();
        const problems = watchPage(page, baseUrl);
        const res = await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, 'GET /');

        const box = page.getByLabel('Search symptoms and conditions', { exact: true });
        await expectVisible(box, 'the home page search box labelled "Search symptoms and conditions"');
        await box.click();
        await box.pressSequentially('muscle');
        await Promise.all([
          page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === 'muscle',
            { waitUntil: 'load' }),
          box.press('Enter'),
        ]);
        assert.equal(new URL(page.url()).search, '?q=muscle', 'search URL');

        const result = page.locator('ol.results').locator(`a[href="/articles/${SLUG}"]`);
        await expectVisible(result.first(), `a search result linking to /articles/${SLUG}`);
        assert.equal(squash(await result.first().innerText()), want.title, 'result link text');

        await Promise.all([
          page.waitForURL((u) => u.pathname === `/articles/${SLUG}`, { waitUntil: 'load' }),
          result.first().click(),
        ]);
        const h1 = page.getByRole('heading', { level: 1 });
        await expectVisible(h1, 'the article <h1> after clicking the result');
        assert.equal(squash(await h1.innerText()), want.title, 'article <h1> after clicking the result');
        assert.deepEqual(problems, [], 'search flow: pages loaded with errors');
      } finally {
        await context.close();
      }
    });
});

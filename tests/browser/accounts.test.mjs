// End-to-end test of accounts and "Rate author" in a real headless Chromium,
// with JavaScript switched off: everything here must work as plain HTML forms.
//
// playwright-core drives Debian's /usr/bin/chromium (scripts/install-deps.sh
// test installs it); no browser is ever downloaded.
//
// Environment (the same as article.test.mjs):
//   SYMPTOMDB_BIN   path to the symptomdb binary (required)
//   SCREENSHOT_DIR  where accounts-register.png and accounts-rated.png go
//                   (default: a folder in the system temp dir)
//   SEED            plain-text seed article; used when set and the file exists
//   CONTENT_DIR     the repo's content/ folder (default: ../../content)
//   CHROMIUM_BIN    browser to drive (default: /usr/bin/chromium)
//
// Usually run through tests/browser/run.sh BIN SCREENSHOT_DIR [SEED].

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, SLUG, READER, SCREENSHOT_DIR,
  browserSuite, contentSource, watchPage, expectVisible, squash, submitAndWait,
} from './support.mjs';

// ---------------------------------------------------------------------------
// The test

describe('accounts in a headless browser', { timeout: 2 * TEST_TIMEOUT_MS }, () => {
  // A fresh database: nobody has registered or rated yet.
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-accounts-',
    announce: (baseUrl) => console.log(`testing accounts on ${baseUrl} with ${contentSource()}; ` +
      `screenshots in ${SCREENSHOT_DIR}`),
  });

  test('a reader registers, rates the author 4 stars with the form, and signs out, without JavaScript',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const { browser, baseUrl } = suite;
      const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
      try {
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        const page = await context.newPage();
        const problems = watchPage(page, baseUrl);

        // Register.
        const articleUrl = `${baseUrl}/articles/${SLUG}`;
        let res = await page.goto(articleUrl, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `GET ${articleUrl}`);
        const nav = page.getByRole('navigation', { name: 'Account' });
        const createLink = nav.getByRole('link', { name: 'Create account', exact: true });
        await expectVisible(createLink, 'the header\'s "Create account" link');
        await submitAndWait(page, createLink, '/register', 'following "Create account"');
        await expectVisible(page.getByRole('heading', { level: 1, name: 'Create an account' }),
          'the registration page heading');
        await page.getByLabel(/^Username/).fill(READER.username);
        await page.getByLabel('Name shown to others').fill(READER.name);
        await page.getByLabel(/^Password \(at least/).fill(READER.password);
        await page.getByLabel('Password again').fill(READER.password);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'accounts-register.png'), fullPage: true });
        await submitAndWait(page, page.getByRole('button', { name: 'Create account' }), '/account',
          'submitting the registration form');

        // Signed in: the account page and the header say who.
        const who = page.locator('main');
        assert.match(squash(await who.innerText()),
          new RegExp(`Signed in as ${READER.name} \\(${READER.username.replace('.', '\\.')}, reader\\)`),
          'the account page should name the new reader');
        await expectVisible(nav.getByRole('link', { name: READER.name, exact: true }),
          'the header link with the reader\'s name');
        const cookies = await context.cookies(baseUrl);
        const sid = cookies.find((c) => c.name === 'sid');
        assert.ok(sid, 'a sid cookie after registering');
        assert.equal(sid.httpOnly, true, 'the sid cookie is HttpOnly');
        assert.equal(sid.sameSite, 'Lax', 'the sid cookie is SameSite=Lax');

        // The article: the byline links to the author; rate them 4 stars.
        res = await page.goto(articleUrl, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `GET ${articleUrl} signed in`);
        const authorLink = page.locator('.byline a[rel="author"]');
        await expectVisible(authorLink, 'the byline\'s link to the author');
        assert.match(await authorLink.getAttribute('href'), /^\/authors\/[a-z0-9-]+$/, 'byline link');
        const box = page.locator('#rate-author');
        await expectVisible(box.getByText('No ratings yet.'), 'the "No ratings yet." line before rating');
        await box.getByLabel('4 stars', { exact: true }).check();
        await submitAndWait(page, box.getByRole('button', { name: 'Rate author' }), `/articles/${SLUG}`,
          'submitting the rating form');

        // Back on the article, with the new average and count.
        const stars = page.locator('#rate-author .stars');
        await expectVisible(stars, 'the rating summary after rating');
        const summary = squash(await stars.innerText());
        assert.ok(summary.includes('4.0'), `rating summary "${summary}" should show 4.0`);
        assert.ok(summary.includes('1 rating'), `rating summary "${summary}" should show "1 rating"`);
        assert.ok(!summary.includes('1 ratings'), `rating summary "${summary}": "1 rating", singular`);
        assert.match(squash(await box.innerText()), /Your rating \(now 4 of 5\)/, 'the form shows the reader\'s rating');
        assert.equal(await box.getByLabel('4 stars', { exact: true }).isChecked(), true, '4 stars stays checked');
        // The part of the page that changed, in view.
        await box.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'accounts-rated.png') });

        // The author's page agrees.
        const authorPath = await authorLink.getAttribute('href');
        res = await page.goto(`${baseUrl}${authorPath}`, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `GET ${authorPath}`);
        const authorSummary = squash(await page.locator('#rate-author .stars').innerText());
        assert.ok(authorSummary.includes('4.0') && authorSummary.includes('1 rating'),
          `author page summary "${authorSummary}"`);

        // Sign out from the account page.
        await page.goto(`${baseUrl}/account`, { waitUntil: 'load' });
        await submitAndWait(page, page.getByRole('button', { name: 'Sign out' }), '/', 'signing out');
        await expectVisible(nav.getByRole('link', { name: 'Sign in', exact: true }),
          'the header\'s "Sign in" link after signing out');
        assert.equal((await context.cookies(baseUrl)).some((c) => c.name === 'sid'), false,
          'the sid cookie is gone after signing out');
        res = await page.goto(`${baseUrl}/account`, { waitUntil: 'load' });
        assert.equal(new URL(page.url()).pathname, '/login', 'signed out, /account sends to sign-in');
        // Signed out, the article still shows the rating but offers no form.
        await page.goto(articleUrl, { waitUntil: 'load' });
        assert.ok(squash(await page.locator('#rate-author').innerText()).includes('4.0'),
          'the rating is still shown to a signed-out reader');
        assert.equal(await page.locator('#rate-author form').count(), 0, 'no rating form when signed out');

        assert.deepEqual(problems, [], 'the pages loaded with errors');
      } finally {
        await context.close();
      }
    });
});

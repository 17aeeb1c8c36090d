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

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const TEST_TIMEOUT_MS = 60_000;   // whole-test budget
const STEP_TIMEOUT_MS = 15_000;   // any one Playwright wait or navigation
const SERVER_START_TIMEOUT_MS = 20_000;
const DESKTOP = { width: 1280, height: 900 };
const SLUG = 'muscle-atrophy';
const READER = { username: 'reader.one', name: 'Reader One', password: 'a long enough passphrase' };

const BIN = process.env.SYMPTOMDB_BIN ? path.resolve(process.env.SYMPTOMDB_BIN) : '';
const CONTENT_DIR = path.resolve(process.env.CONTENT_DIR || path.join(here, '..', '..', 'content'));
const SCREENSHOT_DIR = path.resolve(
  process.env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'symptomdb-browser-screenshots'));
const SEED = process.env.SEED && existsSync(process.env.SEED) ? path.resolve(process.env.SEED) : '';
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

// ---------------------------------------------------------------------------
// The server (as in article.test.mjs)

function startServer(dbFile) {
  const args = ['serve', '--db', dbFile, '--port', '0', '--host', '127.0.0.1', '--access-log', 'off'];
  if (SEED) args.push('--no-sample');
  else args.push('--content', CONTENT_DIR);
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = { stdout: '', stderr: '' };
  const keep = (key) => (chunk) => { log[key] = (log[key] + chunk).slice(-8000); };
  child.stdout.setEncoding('utf8').on('data', keep('stdout'));
  child.stderr.setEncoding('utf8').on('data', keep('stderr'));
  const describeLog = () =>
    `\n--- server stdout ---\n${log.stdout || '(empty)'}\n--- server stderr ---\n${log.stderr || '(empty)'}`;

  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`symptomdb serve did not print "symptomdb listening on http://HOST:PORT/" ` +
        `within ${SERVER_START_TIMEOUT_MS / 1000} s (${BIN} ${args.join(' ')})${describeLog()}`));
    }, SERVER_START_TIMEOUT_MS);
    const onData = () => {
      const m = /symptomdb listening on (http:\/\/[^\s/]+:(\d+))\//.exec(log.stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ baseUrl: m[1], port: Number(m[2]) });
    };
    child.stdout.on('data', onData);
    child.once('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${BIN}: ${e.message}`)); });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`symptomdb serve exited before listening (code ${code}, signal ${signal})${describeLog()}`));
    });
  });
  return { child, ready, describeLog };
}

async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------
// Page helpers (as in article.test.mjs)

// Records what a reader would notice going wrong: script errors and
// same-origin requests that fail.
function watchPage(page, baseUrl) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(baseUrl)) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    const url = r.url();
    if (url.startsWith(baseUrl) && r.status() >= 400 && !url.endsWith('/favicon.ico')) {
      problems.push(`HTTP ${r.status()} for ${url}`);
    }
  });
  return problems;
}

async function expectVisible(locator, what) {
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (e) {
    throw new Error(`${what} is not visible: ${e.message.split('\n')[0]}`);
  }
  assert.ok(await locator.isVisible(), `${what} is not visible`);
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

// Clicks something that submits a form and waits for the page it leads to.
async function submitAndWait(page, button, pathname, what) {
  await Promise.all([
    page.waitForURL((u) => u.pathname === pathname, { waitUntil: 'load' }),
    button.click(),
  ]).catch((e) => { throw new Error(`${what}: did not land on ${pathname} (at ${page.url()}): ${e.message.split('\n')[0]}`); });
}

// ---------------------------------------------------------------------------
// The test

describe('accounts in a headless browser', { timeout: 2 * TEST_TIMEOUT_MS }, () => {
  let tmp;
  let server;
  let baseUrl;
  let browser;

  const killOnExit = () => { if (server?.child && server.child.exitCode === null) server.child.kill('SIGKILL'); };
  process.on('exit', killOnExit);

  before(async () => {
    assert.ok(BIN, 'set SYMPTOMDB_BIN to the symptomdb binary (e.g. build/symptomdb)');
    assert.ok(existsSync(BIN), `SYMPTOMDB_BIN ${BIN} does not exist: build it first`);
    assert.ok(existsSync(CHROMIUM),
      `${CHROMIUM} not found: install Chromium with scripts/install-deps.sh test`);
    if (!SEED) {
      assert.ok(existsSync(path.join(CONTENT_DIR, `${SLUG}.md`)),
        `CONTENT_DIR ${CONTENT_DIR} has no ${SLUG}.md`);
    }

    // A fresh database: nobody has registered or rated yet.
    tmp = await mkdtemp(path.join(os.tmpdir(), 'symptomdb-browser-accounts-'));
    const db = path.join(tmp, 'test.db');
    if (SEED) {
      await promisify(execFile)(BIN, ['import', 'seed', SEED, '--db', db], { timeout: 20_000 })
        .catch((e) => { throw new Error(`import seed ${SEED} failed: ${e.message}\n${e.stderr ?? ''}`); });
    }
    server = startServer(db);
    ({ baseUrl } = await server.ready);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    console.log(`testing accounts on ${baseUrl} with ${SEED ? `seed ${SEED}` : `sample content ${CONTENT_DIR}`}; ` +
      `screenshots in ${SCREENSHOT_DIR}`);
  }, { timeout: TEST_TIMEOUT_MS });

  after(async () => {
    await browser?.close().catch((e) => console.error(`closing the browser: ${e.message}`));
    const child = server?.child;
    if (child && baseUrl && (child.exitCode !== null || child.signalCode !== null)) {
      console.error(`symptomdb serve died during the tests (code ${child.exitCode}, signal ${child.signalCode})` +
        server.describeLog());
    }
    await stopServer(server?.child).catch((e) => console.error(`stopping the server: ${e.message}`));
    process.off('exit', killOnExit);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }, { timeout: 20_000 });

  test('a reader registers, rates the author 4 stars with the form, and signs out, without JavaScript',
    { timeout: TEST_TIMEOUT_MS }, async () => {
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

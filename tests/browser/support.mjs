// Shared set-up for the headless-Chromium tests (article.test.mjs, checker.test.mjs,
// accounts.test.mjs, comments.test.mjs, ratings.test.mjs, reader.test.mjs). Not a test file: it has no tests and
// run.sh hands node --test the test files by name.
//
// playwright-core drives Debian's /usr/bin/chromium (scripts/install-deps.sh
// test installs it); no browser is ever downloaded.
//
// Environment:
//   SYMPTOMDB_BIN   path to the symptomdb binary (required)
//   SCREENSHOT_DIR  where the screenshots go
//                   (default: a folder in the system temp dir)
//   SEED            plain-text seed article; used when set and the file exists
//   CONTENT_DIR     the repo's content/ folder (default: ../../content)
//   CHROMIUM_BIN    browser to drive (default: /usr/bin/chromium)

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TEST_TIMEOUT_MS = 60_000;   // whole-test budget
export const STEP_TIMEOUT_MS = 15_000;   // any one Playwright wait or navigation
export const SERVER_START_TIMEOUT_MS = 20_000;
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const SLUG = 'muscle-atrophy';
export const READER = { username: 'reader.one', name: 'Reader One', password: 'a long enough passphrase' };

export const BIN = process.env.SYMPTOMDB_BIN ? path.resolve(process.env.SYMPTOMDB_BIN) : '';
export const CONTENT_DIR = path.resolve(process.env.CONTENT_DIR || path.join(here, '..', '..', 'content'));
export const SCREENSHOT_DIR = path.resolve(
  process.env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'symptomdb-browser-screenshots'));
export const SEED = process.env.SEED && existsSync(process.env.SEED) ? path.resolve(process.env.SEED) : '';
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

// ---------------------------------------------------------------------------
// The command line

// Runs a symptomdb subcommand with `input` on its stdin.
export function runCli(args, input = '') {
  return new Promise((resolve, reject) => {
    const child = execFile(BIN, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`symptomdb ${args.join(' ')} failed: ${err.message}\n${stderr ?? ''}`));
      else resolve({ stdout, stderr });
    });
    child.stdin.end(input);
  });
}

// Imports SEED into `db` when a seed is in use; otherwise does nothing.
export async function importSeed(db) {
  if (!SEED) return;
  await promisify(execFile)(BIN, ['import', 'seed', SEED, '--db', db], { timeout: 20_000 })
    .catch((e) => { throw new Error(`import seed ${SEED} failed: ${e.message}\n${e.stderr ?? ''}`); });
}

// ---------------------------------------------------------------------------
// The server

// Starts `symptomdb serve` on a free port; `extraArgs` go after the common
// flags. `ready` resolves to { baseUrl, port } once it is listening.
export function startServer(dbFile, extraArgs = [], startTimeoutMs = SERVER_START_TIMEOUT_MS) {
  const args = ['serve', '--db', dbFile, '--port', '0', '--host', '127.0.0.1', '--access-log', 'off',
    ...extraArgs];
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
        `within ${startTimeoutMs / 1000} s (${BIN} ${args.join(' ')})${describeLog()}`));
    }, startTimeoutMs);
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

export async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------
// The suite: a fresh database, a server and a browser, and their cleanup

// A database no other suite uses: a SQLite file in `tmp`, or with
// SYMPTOMDB_TEST_PG_URL (set by run.sh for SYMPTOMDB_TEST_STORE=postgresql) a
// new schema in the throwaway cluster, made the store's by its search_path.
export async function freshDatabase(tmp) {
  const url = process.env.SYMPTOMDB_TEST_PG_URL;
  if (!url) return path.join(tmp, 'test.db');
  const schema = `browser_${path.basename(tmp).replace(/[^A-Za-z0-9]/g, '_').toLowerCase()}`;
  await promisify(execFile)(process.env.SYMPTOMDB_TEST_PSQL || 'psql',
    [url, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE SCHEMA ${schema}`], { timeout: 20_000 })
    .catch((e) => { throw new Error(`creating schema ${schema} failed: ${e.message}\n${e.stderr ?? ''}`); });
  return `${url}${url.includes('?') ? '&' : '?'}options=-csearch_path%3D${schema}`;
}

// Call inside a describe() callback. Registers the before/after hooks and
// returns an object whose tmp, server, baseUrl and browser fields are set
// once `before` has run.
//   tmpPrefix    prefix of the temp dir (in the system temp dir)
//   beforeStart  runs after the prerequisite checks, before the temp dir
//   prepareDb    fills the fresh database file (default: importSeed)
//   serverArgs   extra `symptomdb serve` flags
//   startTimeoutMs, setupTimeoutMs  how long the server may take to listen,
//                and the whole set-up (a large import) to finish
//   announce     (baseUrl) => prints what is being tested
export function browserSuite({
  tmpPrefix, beforeStart = () => {}, prepareDb = importSeed, serverArgs = [], announce = () => {},
  startTimeoutMs = SERVER_START_TIMEOUT_MS, setupTimeoutMs = TEST_TIMEOUT_MS,
}) {
  const suite = { tmp: undefined, server: undefined, baseUrl: undefined, browser: undefined };

  // If the runner itself is torn down, do not leave the server behind.
  const killOnExit = () => {
    if (suite.server?.child && suite.server.child.exitCode === null) suite.server.child.kill('SIGKILL');
  };
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
    await beforeStart();

    suite.tmp = await mkdtemp(path.join(os.tmpdir(), tmpPrefix));
    const db = await freshDatabase(suite.tmp);
    await prepareDb(db);
    suite.server = startServer(db, serverArgs, startTimeoutMs);
    ({ baseUrl: suite.baseUrl } = await suite.server.ready);

    suite.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    announce(suite.baseUrl);
  }, { timeout: setupTimeoutMs });

  after(async () => {
    // Each step on its own so one failure does not skip the others.
    const { browser, server, baseUrl, tmp } = suite;
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

  return suite;
}

// Where the tests were run from, for the announce line.
export const contentSource = () => (SEED ? `seed ${SEED}` : `sample content ${CONTENT_DIR}`);

// ---------------------------------------------------------------------------
// Page helpers

// Records what a reader would notice going wrong: script errors and
// same-origin requests that fail (e.g. a missing stylesheet).
export function watchPage(page, baseUrl) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // net::ERR_ABORTED is the browser cancelling a request itself: a
    // navigation replaced by a newer one (a form submit, a redirect), or a
    // stylesheet still loading when the page it was for was left. Not a
    // server failure: a server that drops or breaks a connection shows as
    // ERR_CONNECTION_RESET, ERR_EMPTY_RESPONSE and the like, and every HTTP
    // error status is still caught by the 'response' check below.
    const reason = r.failure()?.errorText ?? '';
    if (r.url().startsWith(baseUrl) && reason !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${r.url()} (${reason})`);
  });
  page.on('response', (r) => {
    const url = r.url();
    if (url.startsWith(baseUrl) && r.status() >= 400 && !url.endsWith('/favicon.ico')) {
      problems.push(`HTTP ${r.status()} for ${url}`);
    }
  });
  return problems;
}

export async function expectVisible(locator, what) {
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (e) {
    throw new Error(`${what} is not visible: ${e.message.split('\n')[0]}`);
  }
  assert.ok(await locator.isVisible(), `${what} is not visible`);
}

export const squash = (s) => s.replace(/\s+/g, ' ').trim();

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe-core's WCAG 2.0 and 2.1 level A and AA rules on the page as it is.
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

// Clicks something that submits a form and waits for the page it leads to.
export async function submitAndWait(page, button, pathname, what) {
  await Promise.all([
    page.waitForURL((u) => u.pathname === pathname, { waitUntil: 'load' }),
    button.click(),
  ]).catch((e) => { throw new Error(`${what}: did not land on ${pathname} (at ${page.url()}): ${e.message.split('\n')[0]}`); });
}

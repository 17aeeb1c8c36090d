// End-to-end test of article comments in a real headless Chromium, with
// JavaScript switched off: commenting, moderating and replying must all work
// as plain HTML forms.
//
// The server runs with --comment-hold-hours 24, so a newly registered
// reader's comments wait for a moderator; an editor account (made with
// `symptomdb user add editor1 --role editor`, password on stdin) approves
// them, and its own comments are published at once.
//
// playwright-core drives Debian's /usr/bin/chromium (scripts/install-deps.sh
// test installs it); no browser is ever downloaded.
//
// Environment (the same as article.test.mjs):
//   SYMPTOMDB_BIN   path to the symptomdb binary (required)
//   SCREENSHOT_DIR  where comments-held.png, comments-moderation.png and
//                   comments-thread.png go (default: a folder in the system
//                   temp dir)
//   SEED            plain-text seed article; used when set and the file exists
//   CONTENT_DIR     the repo's content/ folder (default: ../../content)
//   CHROMIUM_BIN    browser to drive (default: /usr/bin/chromium)
//
// Usually run through tests/browser/run.sh BIN SCREENSHOT_DIR [SEED].

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, SLUG, READER, SCREENSHOT_DIR, SEED,
  browserSuite, contentSource, runCli, watchPage, expectVisible, squash, submitAndWait,
} from './support.mjs';

const HOLD_HOURS = 24;
// `user add` without --display-name: the name shown is the username.
const EDITOR = { username: 'editor1', name: 'editor1', password: 'an editor passphrase, long' };
const FIRST = 'First comment from a reader.';
const READER_REPLY = 'A reply from the reader.';
const EDITOR_REPLY = 'A reply.';
const SCRIPT = '<script>alert(1)</script>';

// ---------------------------------------------------------------------------
// Page helpers

// Signs in on the /login form the page is showing and waits for `pathname`.
async function signIn(page, who, pathname) {
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Sign in' }), 'the sign-in page heading');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await submitAndWait(page, page.locator('main').getByRole('button', { name: 'Sign in' }), pathname,
    `signing in as ${who.username}`);
}

// The top-level comments on the article page (replies sit inside them).
const topLevel = (page) => page.locator('#comments > article.comment');

async function commentId(locator, what) {
  const id = await locator.getAttribute('id');
  const m = /^comment-(\d+)$/.exec(id ?? '');
  assert.ok(m, `${what} has id "${id}", not comment-N`);
  return Number(m[1]);
}

async function heldNotice(page, what) {
  const notice = page.locator('#comments [role="status"]');
  await expectVisible(notice, `the "waits for a moderator" notice after ${what}`);
  assert.equal(squash(await notice.innerText()), 'Thank you. Your comment waits for a moderator.',
    `the notice after ${what}`);
}

// ---------------------------------------------------------------------------
// The test

describe('comments in a headless browser', { timeout: 2 * TEST_TIMEOUT_MS }, () => {
  // A fresh database with no comments and one editor, made on the command line;
  // the server holds new accounts' comments.
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-comments-',
    prepareDb: async (db) => {
      if (SEED) await runCli(['import', 'seed', SEED, '--db', db]);
      await runCli(['user', 'add', EDITOR.username, '--role', 'editor', '--db', db], `${EDITOR.password}\n`);
    },
    serverArgs: ['--comment-hold-hours', String(HOLD_HOURS)],
    announce: (baseUrl) => console.log(`testing comments on ${baseUrl} with ${contentSource()}; ` +
      `screenshots in ${SCREENSHOT_DIR}`),
  });

  test('a new reader\'s comment waits for an editor, is approved, gets a nested reply, and markup stays text, ' +
    'without JavaScript', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { browser, baseUrl } = suite;
    const contextA = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const contextB = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    try {
      contextA.setDefaultTimeout(STEP_TIMEOUT_MS);
      contextB.setDefaultTimeout(STEP_TIMEOUT_MS);
      const reader = await contextA.newPage();
      const editor = await contextB.newPage();
      const readerProblems = watchPage(reader, baseUrl);
      const editorProblems = watchPage(editor, baseUrl);
      const articlePath = `/articles/${SLUG}`;
      const articleUrl = `${baseUrl}${articlePath}`;

      // --- A: a reader registers and comments; the comment is held. ---
      let res = await reader.goto(`${baseUrl}/register`, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, 'GET /register');
      await reader.getByLabel(/^Username/).fill(READER.username);
      await reader.getByLabel('Name shown to others').fill(READER.name);
      await reader.getByLabel(/^Password \(at least/).fill(READER.password);
      await reader.getByLabel('Password again').fill(READER.password);
      await submitAndWait(reader, reader.getByRole('button', { name: 'Create account' }), '/account',
        'submitting the registration form');

      res = await reader.goto(articleUrl, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `GET ${articleUrl} signed in`);
      assert.match(squash(await reader.locator('#comments').innerText()), /\b0 comments\b/,
        'a fresh article has "0 comments"');
      await reader.getByLabel(/^Your comment/).fill(FIRST);
      await submitAndWait(reader, reader.getByRole('button', { name: 'Add a comment' }), articlePath,
        'submitting the comment form');
      assert.equal(new URL(reader.url()).searchParams.get('held'), '1', `held comment lands on ?held=1 (${reader.url()})`);
      await heldNotice(reader, 'a new reader\'s comment');
      assert.equal(await reader.locator('#comments article.comment').count(), 0,
        'the held comment is not shown on the article');
      assert.equal(await reader.getByText(FIRST).count(), 0, 'the held comment\'s text is nowhere on the page');
      assert.match(squash(await reader.locator('#comments').innerText()), /\b0 comments\b/,
        'still "0 comments" while it waits');
      await reader.locator('#comments').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await reader.screenshot({ path: path.join(SCREENSHOT_DIR, 'comments-held.png') });

      // --- B: the editor signs in, finds it on /moderation and approves it. ---
      res = await editor.goto(`${baseUrl}/moderation`, { waitUntil: 'load' });
      assert.equal(new URL(editor.url()).pathname, '/login', 'signed out, /moderation sends to sign-in');
      await signIn(editor, EDITOR, '/moderation');
      await expectVisible(editor.getByRole('heading', { level: 1, name: 'Comments waiting for review' }),
        'the moderation page heading');
      const held = editor.locator('main article.comment').filter({ hasText: FIRST });
      await expectVisible(held, 'the held comment on /moderation');
      assert.equal(await editor.locator('main article.comment').count(), 1, 'exactly one comment waits');
      const heldMeta = squash(await held.locator('.comment-meta').innerText());
      assert.ok(heldMeta.startsWith(`${READER.name} on ${SLUG}`), `moderation line "${heldMeta}" names the reader and article`);
      assert.match(heldMeta, /pending \(new account, 0 reports\)/, `moderation line "${heldMeta}" says why it is held`);
      const firstId = await commentId(held, 'the held comment');
      await editor.screenshot({ path: path.join(SCREENSHOT_DIR, 'comments-moderation.png'), fullPage: true });
      await submitAndWait(editor, held.getByRole('button', { name: 'Approve' }), '/moderation', 'approving the comment');
      await expectVisible(editor.getByText('Nothing waits for review.'), 'the empty queue after approving');

      // --- A: the approved comment is shown with the reader's name. ---
      res = await reader.goto(articleUrl, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `GET ${articleUrl} after approval`);
      const first = reader.locator(`#comment-${firstId}`);
      await expectVisible(first, 'the approved comment');
      assert.equal(await topLevel(reader).count(), 1, 'one top-level comment after approval');
      assert.equal(squash(await first.locator('.comment-meta strong').innerText()), READER.name,
        'the comment shows the reader\'s display name');
      assert.equal(squash(await first.locator(':scope > p:not(.comment-meta)').innerText()), FIRST, 'the comment text');
      assert.match(squash(await reader.locator('#comments').innerText()), /\b1 comment\b/, '"1 comment" after approval');

      // The reader's own reply, through the "Reply" details form, is held too (still a new account).
      await first.locator(':scope > .comment-actions summary', { hasText: 'Reply' }).click();
      await first.getByLabel('Your reply').fill(READER_REPLY);
      await submitAndWait(reader, first.getByRole('button', { name: 'Post reply' }), articlePath,
        'posting the reader\'s reply');
      await heldNotice(reader, 'the reader\'s reply');
      assert.equal(await reader.getByText(READER_REPLY).count(), 0, 'the reader\'s held reply is not shown');

      // --- B: the editor replies; editors' comments are published at once. ---
      res = await editor.goto(articleUrl, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `GET ${articleUrl} as the editor`);
      const editorsView = editor.locator(`#comment-${firstId}`);
      await editorsView.locator(':scope > .comment-actions summary', { hasText: 'Reply' }).click();
      await editorsView.getByLabel('Your reply').fill(EDITOR_REPLY);
      await submitAndWait(editor, editorsView.getByRole('button', { name: 'Post reply' }), articlePath,
        'posting the editor\'s reply');
      assert.equal(new URL(editor.url()).searchParams.get('held'), null, `an editor's reply is not held (${editor.url()})`);

      // --- A: the reply appears nested in the comment's article element. ---
      res = await reader.goto(articleUrl, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `GET ${articleUrl} after the reply`);
      const reply = reader.locator(`#comment-${firstId} > article.comment.reply`);
      await expectVisible(reply, 'the editor\'s reply nested under the comment');
      assert.equal(await reply.count(), 1, 'exactly one published reply');
      assert.equal(squash(await reply.locator('.comment-meta strong').innerText()), EDITOR.name,
        'the reply shows the editor\'s name');
      assert.equal(squash(await reply.locator(':scope > p:not(.comment-meta)').innerText()), EDITOR_REPLY, 'the reply text');
      assert.equal(await topLevel(reader).count(), 1, 'the reply is not listed as a comment of its own');
      assert.equal(await reply.locator('summary', { hasText: 'Reply' }).count(), 0, 'replies cannot be replied to');
      await reader.locator(`#comment-${firstId}`).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await reader.screenshot({ path: path.join(SCREENSHOT_DIR, 'comments-thread.png') });

      // --- B: a comment with markup is shown as text, never run. ---
      await editor.getByLabel(/^Your comment/).fill(SCRIPT);
      await submitAndWait(editor, editor.getByRole('button', { name: 'Add a comment' }), articlePath,
        'posting the comment with markup');
      for (const [who, page] of [['editor', editor], ['reader', reader]]) {
        res = await page.goto(articleUrl, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `GET ${articleUrl} (${who})`);
        const html = await res.text();
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${who}: the markup is sent escaped`);
        assert.ok(!html.includes(SCRIPT), `${who}: the markup is never sent raw`);
        assert.equal(await page.locator('.comment script').count(), 0, `${who}: no script element in a comment`);
        // The comment's own paragraph (the editor's closed "Edit" form holds the text too).
        await expectVisible(topLevel(page).locator(':scope > p:not(.comment-meta)').getByText(SCRIPT, { exact: true }),
          `${who}: the markup shown as text`);
        assert.equal(await topLevel(page).count(), 2, `${who}: two top-level comments`);
      }

      assert.deepEqual(readerProblems, [], 'the reader\'s pages loaded with errors');
      assert.deepEqual(editorProblems, [], 'the editor\'s pages loaded with errors');
    } finally {
      await contextA.close();
      await contextB.close();
    }
  });
});

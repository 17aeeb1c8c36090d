// End-to-end test of the editorial workflow in a real headless Chromium,
// with JavaScript switched off: writing, previewing, saving, submitting,
// reviewing and publishing must all work as plain HTML forms.
//
// The database is prepared on the command line: an author account writing as
// the profile "Wanda Writer, RN" and an editor account whose profile is
// "Erin Editor, MD", so that the editor's approval makes the article
// "Medically reviewed by Erin Editor, MD".
//
// Environment (the same as article.test.mjs):
//   SYMPTOMDB_BIN   path to the symptomdb binary (required)
//   SCREENSHOT_DIR  where editorial-editor.png, editorial-preview.png,
//                   editorial-submitted.png, editorial-review.png,
//                   editorial-published.png and editorial-diff.png go
//   SEED            plain-text seed article; used when set and the file exists
//   CONTENT_DIR     the repo's content/ folder (default: ../../content)
//   CHROMIUM_BIN    browser to drive (default: /usr/bin/chromium)
//
// Usually run through tests/browser/run.sh BIN SCREENSHOT_DIR [SEED].

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, SCREENSHOT_DIR, SEED,
  browserSuite, contentSource, runCli, watchPage, expectVisible, squash, submitAndWait,
} from './support.mjs';

const WRITER = { username: 'writer1', name: 'Wanda Writer', password: 'a writer passphrase, long' };
const EDITOR = { username: 'editor1', name: 'Ed Itor', password: 'an editor passphrase, long' };
const TITLE = 'How is gout treated?';
const SLUG_NEW = 'how-is-gout-treated';
const INTRO = 'Gout is a painful arthritis caused by uric acid crystals in a joint.';
const MARKDOWN = `---
title: "${TITLE}"
condition: Gout
slug: ${SLUG_NEW}
---
${INTRO}

## Treatment

### Medicines for an attack

Anti-inflammatory medicines, colchicine or steroids ease an attack within days.

### Lowering uric acid

Allopurinol taken every day prevents new attacks.

## When to see a doctor

See a doctor the same day for a hot, swollen joint with fever.
`;

// Signs in on /login and waits for `pathname`.
async function signIn(page, baseUrl, who, next) {
  const res = await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  assert.equal(res?.status(), 200, 'GET /login');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await submitAndWait(page, page.locator('main').getByRole('button', { name: 'Sign in' }), next,
    `signing in as ${who.username}`);
}

// Clicks a button whose form posts back to the same address (the preview):
// waits for the POST's answer, then for something only the new page has.
async function postInPlace(page, button, expected, what) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    button.click(),
  ]).catch((e) => { throw new Error(`${what}: ${e.message.split('\n')[0]}`); });
  await expectVisible(expected, `after ${what}`);
}

describe('the editorial workflow in a headless browser', { timeout: 3 * TEST_TIMEOUT_MS }, () => {
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-editorial-',
    prepareDb: async (db) => {
      if (SEED) await runCli(['import', 'seed', SEED, '--db', db]);
      await runCli(['user', 'add', WRITER.username, '--role', 'author', '--display-name', WRITER.name, '--db', db],
        `${WRITER.password}\n`);
      await runCli(['user', 'add', EDITOR.username, '--role', 'editor', '--display-name', EDITOR.name, '--db', db],
        `${EDITOR.password}\n`);
      await runCli(['author', 'set', 'Wanda Writer', '--credential', 'RN', '--db', db]);
      await runCli(['author', 'set', 'Erin Editor', '--credential', 'MD', '--db', db]);
      await runCli(['user', 'link-author', WRITER.username, 'wanda-writer', '--db', db]);
      await runCli(['user', 'link-author', EDITOR.username, 'erin-editor', '--db', db]);
    },
    announce: (baseUrl) => console.log(`testing the editorial workflow on ${baseUrl} with ${contentSource()}; ` +
      `screenshots in ${SCREENSHOT_DIR}`),
  });

  test('an author writes, previews, saves and submits an article; an editor approves it; a reader sees ' +
    '"Medically reviewed by", without JavaScript', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const { browser, baseUrl } = suite;
    const contexts = await Promise.all([0, 1, 2].map(() =>
      browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false })));
    try {
      for (const c of contexts) c.setDefaultTimeout(STEP_TIMEOUT_MS);
      const [writer, editor, reader] = await Promise.all(contexts.map((c) => c.newPage()));
      const problems = [writer, editor, reader].map((p) => watchPage(p, baseUrl));
      const editPath = `/articles/${SLUG_NEW}/edit`;
      const articlePath = `/articles/${SLUG_NEW}`;

      // --- The author starts an article from the account menu. ---
      await signIn(writer, baseUrl, WRITER, '/');
      const nav = writer.getByRole('navigation', { name: 'Account' });
      await submitAndWait(writer, nav.getByRole('link', { name: 'Write an article' }), '/write',
        'following "Write an article"');
      await expectVisible(writer.getByRole('heading', { level: 1, name: 'Write an article' }), 'the /write heading');
      await writer.getByLabel(/^Title/).fill(TITLE);
      await writer.getByLabel('Condition').fill('Gout');
      await submitAndWait(writer, writer.getByRole('button', { name: 'Start writing' }), editPath,
        'starting the article');
      await expectVisible(writer.getByRole('heading', { level: 1, name: `Edit: ${TITLE}` }), 'the editor heading');
      assert.equal(squash(await writer.locator('.draft-state').innerText()), 'Draft');
      const editorBox = writer.getByLabel(/^Article in Markdown/);
      assert.match(await editorBox.inputValue(), /^---\ntitle: How is gout treated\?/,
        'the editor starts from a template with the title');
      await editorBox.fill(MARKDOWN);
      await writer.getByLabel(/^What changed/).fill('First full draft');
      await writer.screenshot({ path: path.join(SCREENSHOT_DIR, 'editorial-editor.png'), fullPage: true });

      // --- Preview: the article as it would be published, not saved. ---
      const preview = writer.locator('section.preview');
      await postInPlace(writer, writer.getByRole('button', { name: 'Preview' }), preview, 'previewing');
      await expectVisible(preview.getByRole('heading', { level: 1, name: TITLE }), 'the previewed title');
      assert.ok(squash(await preview.innerText()).includes(INTRO), 'the preview shows the new introduction');
      assert.match(squash(await preview.locator('.byline').innerText()), /^By Wanda Writer, RN/,
        'the preview\'s byline is the author\'s profile');
      assert.equal(await writer.getByLabel(/^Article in Markdown/).inputValue(), MARKDOWN,
        'the text stays in the editor after previewing');
      await preview.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await writer.screenshot({ path: path.join(SCREENSHOT_DIR, 'editorial-preview.png') });

      // --- Save (revision 2), then submit. ---
      await submitAndWait(writer, writer.getByRole('button', { name: 'Save', exact: true }), editPath, 'saving');
      assert.equal(new URL(writer.url()).searchParams.get('saved'), '2', `saved as revision 2 (${writer.url()})`);
      await expectVisible(writer.getByRole('status').filter({ hasText: 'Saved as revision 2.' }), 'the saved notice');
      await submitAndWait(writer, writer.getByRole('button', { name: 'Submit for review' }), editPath, 'submitting');
      await expectVisible(writer.getByRole('status').filter({ hasText: 'Submitted for review.' }), 'the submitted notice');
      assert.equal(squash(await writer.locator('.draft-state').innerText()), 'In review');
      assert.equal(await writer.getByRole('button', { name: 'Submit for review' }).count(), 0,
        'no second submission while in review');
      await writer.screenshot({ path: path.join(SCREENSHOT_DIR, 'editorial-submitted.png') });
      let res = await reader.goto(`${baseUrl}${articlePath}`, { waitUntil: 'load' });
      assert.equal(res?.status(), 404, 'not public before it is approved');
      problems[2].length = 0;  // that 404 was the point

      // --- The editor finds it in the review queue and approves it. ---
      await signIn(editor, baseUrl, EDITOR, '/review');
      await expectVisible(editor.getByRole('heading', { level: 1, name: 'Articles waiting for review' }),
        'the review queue heading');
      const queued = editor.locator('main .review-queue li').filter({ hasText: TITLE });
      await expectVisible(queued, 'the submitted article in the queue');
      assert.match(squash(await queued.innerText()), /by Wanda Writer · revision 2/);
      await editor.screenshot({ path: path.join(SCREENSHOT_DIR, 'editorial-review.png'), fullPage: true });
      await submitAndWait(editor, queued.getByRole('link', { name: TITLE }), editPath, 'opening the queued article');
      await expectVisible(editor.getByRole('heading', { level: 2, name: 'Review revision 2' }), 'the review form');
      await editor.getByLabel(/^Note to the writer/).fill('Clear and correct.');
      await submitAndWait(editor, editor.getByRole('button', { name: 'Approve and publish' }), articlePath,
        'approving');

      // --- A signed-out reader sees the published, medically reviewed article. ---
      res = await reader.goto(`${baseUrl}${articlePath}`, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `GET ${articlePath} after approval`);
      await expectVisible(reader.getByRole('heading', { level: 1, name: TITLE }), 'the published title');
      const reviewed = reader.locator('.medically-reviewed');
      await expectVisible(reviewed, 'the "Medically reviewed by" line');
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(squash(await reviewed.innerText()), `Medically reviewed by Erin Editor, MD on ${today}`);
      assert.match(squash(await reader.locator('.byline').innerText()), /^By Wanda Writer, RN/);
      assert.ok(squash(await reader.locator('main').innerText()).includes(INTRO));
      assert.equal(await reader.getByRole('link', { name: 'Edit', exact: true }).count(), 0,
        'no Edit link for a signed-out reader');
      await reader.screenshot({ path: path.join(SCREENSHOT_DIR, 'editorial-published.png') });

      // --- The author's history: both revisions, and the diff. ---
      res = await writer.goto(`${baseUrl}${articlePath}`, { waitUntil: 'load' });
      assert.equal(res?.status(), 200);
      await submitAndWait(writer, writer.locator('.edit-link').getByRole('link', { name: 'History' }),
        `${articlePath}/history`, 'following "History"');
      const rows = writer.locator('table.history tbody tr');
      assert.equal(await rows.count(), 2, 'two revisions in the history');
      assert.match(squash(await rows.nth(0).innerText()), /^2 Wanda Writer \d{4}-\d\d-\d\d \d\d:\d\d UTC First full draft Draft Diff$/);
      await expectVisible(writer.getByText('Ed Itor approved revision 2'), 'the approval in the history');
      await submitAndWait(writer, rows.nth(0).getByRole('link', { name: 'Diff' }), `${articlePath}/history/2`,
        'opening the diff');
      const added = writer.locator('table.diff tr.diff-add').filter({ hasText: INTRO });
      await expectVisible(added, 'the new introduction as an added line');
      assert.ok(await writer.locator('table.diff tr.diff-del').count() > 0, 'the template\'s lines as removed lines');
      await writer.screenshot({ path: path.join(SCREENSHOT_DIR, 'editorial-diff.png'), fullPage: true });

      for (const [who, list] of [['writer', problems[0]], ['editor', problems[1]], ['reader', problems[2]]])
        assert.deepEqual(list, [], `problems the ${who} would notice`);
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});

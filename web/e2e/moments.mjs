// Moments (朋友圈, issue 19) end to end: A posts with two images, B (A's contact) likes and
// comments, A replies, D (A's contact but not B's) does not see B's like or comment, A deletes
// the comment. Called from run.mjs with its helpers; D is registered here.
import { makePng } from './png.mjs';

const POST = '周末去爬山了，天气很好 ⛰️';

/** The post as one browser shows it. */
const postOf = (page) => page.locator('article.moment', { hasText: POST });

export async function momentsSteps({ step, shot, tid, fill, waitFor, api, url, newUser, goTab, axeClean, A, B, pa, pb }) {
  // the third user of this block, unique per run as A and B are
  const D = { phone: A.phone.slice(0, -1) + '4', password: 'correct horse 4', nickname: '朵拉' };
  let momentId = null;
  let dora = null;
  let doraToken = null;

  const openMoments = async (page) => {
    await goTab(page, 'discover');
    await page.locator(tid('discover-moments')).click();
    await page.locator(tid('moments-page')).waitFor();
  };

  if (!(await step('Moments: A posts text and two images from the camera button, with previews and upload progress; the cover shows her name', async () => {
    // D becomes A's contact before the post: a timeline holds the posts made while one is a contact
    const rd = await api('/api/auth/register', { method: 'POST', body: D });
    doraToken = rd.accessToken;
    const ra = await api('/api/auth/login', { method: 'POST', body: { phone: A.phone, password: A.password } });
    const req = await api('/api/contacts/requests', { method: 'POST', token: rd.accessToken, body: { to: A.phone, greeting: 'hi' } });
    await api(`/api/contacts/requests/${req.id}/accept`, { method: 'POST', token: ra.accessToken });
    await openMoments(pa);
    if ((await pa.locator(tid('moments-cover-name')).textContent()) !== A.nickname) throw new Error('cover name');
    await axeClean(pa, 'moments');
    await pa.locator(tid('moments-camera')).click();
    await pa.locator(tid('moment-post-page')).waitFor();
    await fill(pa, 'moment-post-text', POST, 'textarea');
    // every progress bar shown while the images upload, kept by the page itself
    await pa.evaluate(() => {
      window.__progressSeen = [];
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) window.__progressSeen.push(bar.getAttribute('aria-valuenow'));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await pa.locator(tid('moment-image-input')).setInputFiles([
      { name: 'lake.png', mimeType: 'image/png', buffer: makePng(300, 200) },
      { name: 'peak.png', mimeType: 'image/png', buffer: makePng(200, 300) },
    ]);
    await waitFor(pa, () => document.querySelectorAll('[data-testid="draft-image"][data-uploaded="true"]').length === 2);
    const seen = await pa.evaluate(() => window.__progressSeen.length);
    if (seen === 0) throw new Error('no upload progress was shown');
    await axeClean(pa, 'new moment');
    await shot(pa, 'moments-compose');
    await pa.locator(tid('moment-publish')).click();
    await pa.locator(tid('moments-page')).waitFor();
    const post = postOf(pa);
    await post.locator('[data-testid="moment-images"][data-count="2"]').waitFor();
    await waitFor(pa, () => [...document.querySelectorAll('[data-testid="moment-image"]')].filter((i) => i.complete && i.naturalWidth > 0).length >= 2);
    momentId = (await post.getAttribute('data-testid')).slice('moment-'.length);
    await shot(pa, 'moments-a-posted');
  }))) return;

  await step('Moments: B gets the red dot on Discover and on the Moments row (moment.new), sees both images, and swipes between them in the viewer', async () => {
    await goTab(pb, 'chats');
    await pb.locator(tid('tab-dot-discover')).waitFor();
    await pb.locator(tid('tab-discover')).click();
    await pb.locator(tid('moments-dot')).waitFor();
    await shot(pb, 'moments-discover-dot');
    await pb.locator(tid('discover-moments')).click();
    const post = postOf(pb);
    await post.locator('[data-testid="moment-images"][data-count="2"]').waitFor();
    await post.locator(tid('moment-image')).first().click();
    const indicator = pb.locator('.adm-image-viewer-indicator');
    await waitFor(pb, () => document.querySelector('.adm-image-viewer-indicator')?.textContent?.replace(/\s/g, '') === '1/2');
    const box = await pb.locator('.adm-image-viewer-slides').boundingBox();
    await pb.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await pb.mouse.down();
    await pb.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 8 });
    await pb.mouse.up();
    await waitFor(pb, () => document.querySelector('.adm-image-viewer-indicator')?.textContent?.replace(/\s/g, '') === '2/2');
    await shot(pb, 'moments-viewer');
    await pb.keyboard.press('Escape');
    await indicator.waitFor({ state: 'detached' });
  });

  if (!(await step('Moments: B likes and comments; A gets the new-activity bar and sees both; A replies by tapping the comment, and B sees the reply', async () => {
    const post = postOf(pb);
    await post.locator(tid('moment-more')).click();
    await post.locator(tid('moment-like')).click();
    await post.locator(tid('moment-likes'), { hasText: B.nickname }).waitFor();
    await post.locator(tid('moment-more')).click();
    await post.locator(tid('moment-comment')).click();
    await pb.locator(tid('comment-input')).fill('好看！');
    await pb.locator(tid('comment-send')).click();
    await post.locator(`button.moment-comment[data-from="${B.phone}"]`, { hasText: '好看！' }).waitFor();
    // A: two new activities, and the open timeline shows them without a reload
    await waitFor(pa, () => document.querySelector('[data-testid="moments-activity-bar"]')?.textContent?.includes('2条新消息'));
    const mine = postOf(pa);
    await mine.locator(tid('moment-likes')).waitFor();
    const bComment = mine.locator(`button.moment-comment[data-from="${B.phone}"]`);
    await bComment.waitFor();
    await shot(pa, 'moments-a-activity');
    await bComment.click();
    await pa.locator(tid('comment-reply')).click();
    const placeholder = await pa.locator(tid('comment-input')).getAttribute('placeholder');
    if (!placeholder?.startsWith('回复')) throw new Error('reply placeholder: ' + placeholder);
    await pa.locator(tid('comment-input')).fill('谢谢！');
    await pa.locator(tid('comment-send')).click();
    await mine.locator(`button.moment-comment[data-from="${A.phone}"]`, { hasText: `${A.nickname} 回复` }).waitFor();
    // B is told of the reply (moment.activity to the replied-to user) and the post shows it
    await postOf(pb).locator(`button.moment-comment[data-from="${A.phone}"]`, { hasText: '谢谢！' }).waitFor();
    await shot(pb, 'moments-b-reply');
    await pa.locator(tid('moments-activity-bar')).click();
    await pa.locator(tid('moment-activity-page')).waitFor();
    if ((await pa.locator(tid('activity-row')).count()) !== 2) throw new Error('activity rows: ' + (await pa.locator(tid('activity-row')).count()));
    await axeClean(pa, 'moments activity');
    await pa.locator('.adm-nav-bar-back').first().click();
    await pa.locator(tid('moments-page')).waitFor();
  }))) return;

  await step("Moments: D, A's contact but not B's, sees A's post and A's reply but not B's like or comment", async () => {
    dora = await newUser();
    const pd = dora.page;
    await pd.goto(url() + '/');
    await fill(pd, 'login-phone', D.phone);
    await fill(pd, 'login-password', D.password);
    await pd.locator(tid('login-submit')).click();
    await pd.locator(tid('chats-page')).waitFor();
    await openMoments(pd);
    const post = postOf(pd);
    await post.locator(`button.moment-comment[data-from="${A.phone}"]`, { hasText: '谢谢！' }).waitFor();
    if ((await post.locator(`button.moment-comment[data-from="${B.phone}"]`).count()) !== 0) throw new Error("D sees B's comment");
    if ((await post.locator(tid('moment-likes')).count()) !== 0) throw new Error('D sees likes: ' + (await post.locator(tid('moment-likes')).textContent()));
    await shot(pd, 'moments-d-view');
    // in English
    await pd.evaluate(() => localStorage.setItem('weiliao.lang', 'en'));
    await pd.reload();
    await waitFor(pd, () => document.querySelector('[data-testid="moments-page"] .adm-nav-bar-title')?.textContent === 'Moments');
    await postOf(pd).locator(tid('moment-more')).click();
    if ((await postOf(pd).locator(tid('moment-menu')).textContent())?.replace(/\s+/g, ' ').trim() !== 'Like Comment') throw new Error('menu in English: ' + (await postOf(pd).locator(tid('moment-menu')).textContent()));
    await shot(pd, 'moments-d-english');
    const seen = await api(`/api/moments/${momentId}`, { token: doraToken });
    if (seen.comments.some((c) => c.from.phone === B.phone) || seen.likes.length) throw new Error('the API shows D ' + JSON.stringify(seen));
  });

  await step("Moments: A deletes B's comment, and B no longer sees it", async () => {
    const mine = postOf(pa);
    await mine.locator(`button.moment-comment[data-from="${B.phone}"]`).click();
    await pa.locator(tid('comment-delete')).click();
    await mine.locator(`button.moment-comment[data-from="${B.phone}"]`).waitFor({ state: 'detached' });
    await pb.reload();
    await postOf(pb).locator(`button.moment-comment[data-from="${A.phone}"]`).waitFor();
    if ((await postOf(pb).locator(`button.moment-comment[data-from="${B.phone}"]`).count()) !== 0) throw new Error('B still sees the deleted comment');
    await shot(pb, 'moments-b-after-delete');
  });

  await step("Moments: A's album from B's view of her profile, grouped by day; a long text folds after 6 lines (全文 / 收起); A deletes a post of her own", async () => {
    await goTab(pb, 'contacts');
    await pb.locator(tid(`contact-row-${A.phone}`)).click();
    await pb.locator(tid('contact-album')).click();
    await pb.locator(`${tid('album-page')}[data-phone="${A.phone}"]`).waitFor();
    await pb.locator(tid('album-day'), { hasText: '今天' }).locator(tid('album-entry')).first().waitFor();
    await axeClean(pb, 'album');
    await shot(pb, 'moments-album');
    // a long text-only post: folded after 6 lines with 全文, open with 收起; then its author deletes it
    await pa.locator(tid('moments-camera')).click();
    await fill(pa, 'moment-post-text', Array.from({ length: 10 }, (_, i) => `第${i + 1}行：这条马上删掉`).join('\n'), 'textarea');
    await pa.locator(tid('moment-publish')).click();
    const extra = pa.locator('article.moment', { hasText: '这条马上删掉' });
    const fold = extra.locator(tid('moment-fold'));
    if ((await fold.textContent()) !== '全文') throw new Error('fold: ' + (await fold.textContent()));
    const folded = (await extra.locator(tid('moment-text')).boundingBox()).height;
    await fold.click();
    if ((await fold.textContent()) !== '收起') throw new Error('unfold: ' + (await fold.textContent()));
    const open = (await extra.locator(tid('moment-text')).boundingBox()).height;
    if (!(open > folded * 1.4)) throw new Error(`text ${folded} px folded, ${open} px open`);
    await shot(pa, 'moments-full-text');
    await extra.locator(tid('moment-delete')).click();
    await pa.locator(tid('confirm-ok')).click();
    await extra.waitFor({ state: 'detached' });
    await postOf(pa).waitFor();
    // the confirmation closes with an animation: the next step's axe must not meet it half gone
    await pa.locator('.adm-center-popup-wrap').waitFor({ state: 'hidden' });
  });

  await step('Moments at 1280 px: the timeline in the right pane beside Discover, axe clean', async () => {
    await pa.setViewportSize({ width: 1280, height: 800 });
    try {
      await pa.locator(tid('layout-desktop')).waitFor();
      await postOf(pa).waitFor();
      await axeClean(pa, 'moments (desktop)');
      await shot(pa, 'moments-desktop');
    } finally {
      await pa.setViewportSize({ width: 390, height: 844 });
    }
    await pa.locator(tid('layout-desktop')).waitFor({ state: 'detached' });
  });

  await dora?.context.close();
}
